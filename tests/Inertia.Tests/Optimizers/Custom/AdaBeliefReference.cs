namespace Inertia.Tests.Optimizers.Custom;

/// <summary>AdaBelief's published equations (Zhuang et al. 2020, Algorithm 2, no weight decay, no AMSGrad), in double, element by element.</summary>
public sealed class AdaBeliefReference(int length, double learningRate, double beta1, double beta2, double epsilon)
{
    private readonly double[] _m = new double[length];
    private readonly double[] _s = new double[length];
    private int _t;

    public void Step(double[] weights, double[] gradients)
    {
        _t++;
        for (int i = 0; i < weights.Length; i++)
        {
            double g = gradients[i];
            _m[i] = beta1 * _m[i] + (1 - beta1) * g;
            _s[i] = beta2 * _s[i] + (1 - beta2) * (g - _m[i]) * (g - _m[i]) + epsilon;
            double mHat = _m[i] / (1 - Math.Pow(beta1, _t));
            double sHat = _s[i] / (1 - Math.Pow(beta2, _t));
            weights[i] -= learningRate * mHat / (Math.Sqrt(sHat) + epsilon);
        }
    }
}
