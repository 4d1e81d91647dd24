namespace Inertia.Optimizers;

/// <summary>Receives an optimizer's rule type and this step's per-group coefficients, so that a device executor can launch its kernel compiled for that rule.</summary>
internal interface IUpdateDispatch
{
    void Run<TRule, TCoefficients>(TCoefficients[] groupCoefficients)
        where TRule : struct, IUpdateRule<TCoefficients>
        where TCoefficients : unmanaged;
}
