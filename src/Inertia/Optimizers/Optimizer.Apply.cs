using Inertia.Tensors;

namespace Inertia.Optimizers;

/// <summary>The pipeline of one optimizer call: every decision is taken here, every element-wise pass is the executor's.</summary>
public abstract partial class Optimizer
{
    /// <summary>
    /// One optimizer call on the arena's current gradients (Keras <c>apply</c>). With gradient
    /// accumulation, the final call of each group of N overwrites the gradients with their mean.
    /// </summary>
    /// <returns>Whether the call updated, updated but overflowed in some elements, only accumulated, or skipped a non-finite gradient.</returns>
    /// <exception cref="InvalidOperationException">The optimizer is not built.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite and the policy is <see cref="NonFinitePolicy.Throw"/>.</exception>
    /// <exception cref="NonFiniteUpdateException">The update overflowed and the policy is <see cref="NonFinitePolicy.Throw"/>; it was applied to every other element.</exception>
    public StepResult Apply() => Apply(RequireBuilt(), witness: null);

    /// <summary>
    /// <see cref="Apply()"/> after the library's own backward pass: the gradients <paramref name="witness"/>
    /// vouches finite are not read again to decide the step (the witness is consumed).
    /// </summary>
    internal StepResult Apply(GradientWitness witness) => Apply(RequireBuilt(), witness);

    /// <summary>
    /// <see cref="Apply()"/> with its element-wise passes run by <paramref name="executor"/> (a
    /// device's), which holds its own copy of the state; the counters and the algorithm's scalars
    /// stay this optimizer's. <paramref name="witness"/>: see <see cref="Apply(GradientWitness)"/>.
    /// </summary>
    internal StepResult Apply(IOptimizerExecutor executor, GradientWitness? witness = null)
    {
        RequireBuilt();
        RefreshLayout();

        int n = Options.GradientAccumulationSteps;
        bool clipsNorm = Options.ClipNorm.HasValue || Options.GlobalClipNorm.HasValue;
        // The witness is consumed either way; a shard ignores it, since its decision combines
        // every rank's gradients, which no local backward pass saw.
        bool[]? vouchedFinite = null;
        if (witness is not null && witness.TryTake(out var vouched) && _shard is null)
            vouchedFinite = vouched;
        if (n > 1)
        {
            if (!GradientsAreFinite(executor, sumOfSquares: false, vouchedFinite)) return Skip();
            if ((_rawIterations + 1) % n != 0)
            {
                executor.Accumulate();
                UpdateAverage(executor);
                _rawIterations++;
                return StepResult.Accumulated;
            }
            executor.AverageAccumulated(n);
            if (clipsNorm && !GradientsAreFinite(executor, sumOfSquares: true, vouchedFinite: null)) return Skip();
        }
        else if (!GradientsAreFinite(executor, clipsNorm, vouchedFinite))
        {
            return Skip();
        }

        ComputeGradientScales(clipsNorm);
        double rate = LearningRate;
        if (_schedule?.Momentum(_rawIterations) is { } momentum)
            SetScheduledMomentum(momentum);
        ComputeGroupCoefficients(rate);
        long step = Iterations + 1;
        PrepareStep(step, _layout!.GroupRates);
        executor.Update(_parameterRejected);
        _shard?.Combiner.SumAcrossShards(_parameterRejected);
        UpdateAverage(executor);
        _rawIterations++;
        return CountRejected(step);
    }

    // The kernels already kept the old values of the rejected elements; this only reports them.
    private StepResult CountRejected(long step)
    {
        long rejected = 0;
        int first = -1, parameters = 0;
        for (int p = 0; p < _parameterRejected.Length; p++)
        {
            if (_parameterRejected[p] == 0) continue;
            rejected += _parameterRejected[p];
            parameters++;
            if (first < 0) first = p;
        }
        if (rejected == 0) return StepResult.Updated;
        OverflowedSteps++;
        RejectedElements += rejected;
        LastOverflow = new UpdateOverflow(step, _arena!.Parameters[first].Name, parameters, rejected);
        if (Options.NonFinite == NonFinitePolicy.Throw) throw new NonFiniteUpdateException(LastOverflow);
        return StepResult.Overflowed;
    }

    /// <summary>
    /// The update pass of <see cref="Apply()"/> alone, for the benchmarks that separate the kernel's
    /// cost from the finiteness pre-pass: no check, no clipping norms, no EMA, no iteration counted.
    /// </summary>
    internal void UpdateWithoutCheck()
    {
        var executor = RequireBuilt();
        RefreshLayout();
        ComputeGradientScales(clipsNorm: false);
        ComputeGroupCoefficients(LearningRate);
        PrepareStep(Iterations + 1, _layout!.GroupRates);
        executor.Update(_parameterRejected);
    }

    /// <summary>
    /// Keras <c>apply_gradients</c> for code that computes gradients itself: copies each gradient
    /// into its parameter's gradient (every other gradient of the arena is zeroed), builds on the
    /// first call, and applies.
    /// </summary>
    /// <exception cref="ArgumentException">A gradient's length differs from its parameter's size, or the parameters belong to different arenas (each message names the parameter).</exception>
    public StepResult ApplyGradients(IEnumerable<(Parameter Parameter, ReadOnlyMemory<float> Gradient)> gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        var pairs = gradients.ToArray();
        if (pairs.Length == 0) throw new ArgumentException("No gradients were given.", nameof(gradients));
        var arena = pairs[0].Parameter.Arena
            ?? throw new ArgumentException($"Parameter '{pairs[0].Parameter.Name}' is not in a ParameterArena.", nameof(gradients));
        foreach (var (parameter, gradient) in pairs)
        {
            if (!ReferenceEquals(parameter.Arena, arena))
                throw new ArgumentException($"Parameter '{parameter.Name}' is not in the same arena as '{pairs[0].Parameter.Name}'.", nameof(gradients));
            if (gradient.Length != parameter.Size)
                throw new ArgumentException($"The gradient for parameter '{parameter.Name}' has {gradient.Length} elements; its shape {parameter.Shape} has {parameter.Size}.", nameof(gradients));
        }
        Build(arena);
        arena.ZeroGradients();
        foreach (var (parameter, gradient) in pairs)
            gradient.Span.CopyTo(parameter.Gradient.Span);
        return Apply();
    }

    /// <summary>
    /// Computes the per-group coefficients of the coming update (β powers, bias corrections, ...)
    /// in double, once per step. Called only for updates that will be applied.
    /// </summary>
    /// <param name="step">The update's 1-based step number t (Keras <c>iterations + 1</c>).</param>
    /// <param name="groupLearningRates">Learning rate of each group (index 0: the default group), this step.</param>
    protected abstract void PrepareStep(long step, ReadOnlySpan<double> groupLearningRates);

    /// <summary>
    /// The fused update of elements [<paramref name="start"/>, start + <paramref name="length"/>) of the
    /// arena: whole padded parameters or cache-sized pieces of one, so <paramref name="length"/> is a
    /// multiple of 16 floats and of <c>Vector&lt;float&gt;.Count</c> and no scalar tail is needed.
    /// Padding holds zeros in every buffer and each kernel maps zeros to zeros.
    /// </summary>
    /// <returns>
    /// The number of elements rejected, left unchanged because their new weight or a new slot value
    /// was not finite: a kernel stores an element's results only when all of them are finite.
    /// </returns>
    protected abstract int UpdateRange(int group, in GradientTransform transform, int start, int length);

    /// <summary>Whether this optimizer states its update as a per-element rule (<see cref="Optimizer{TRule, TCoefficients}"/>), which a device can run.</summary>
    internal virtual bool StatesRule => false;

    /// <summary>Hands the rule and this step's coefficients to a device executor; only optimizers stated as a rule (<see cref="Optimizer{TRule, TCoefficients}"/>) have one.</summary>
    /// <exception cref="NotSupportedException">This optimizer states its update only as <see cref="UpdateRange"/>.</exception>
    internal virtual void DispatchUpdate(IUpdateDispatch dispatch) =>
        throw new NotSupportedException($"Optimizer type {GetType().FullName} has no per-element rule a device can run: derive it from Optimizer<TRule, TCoefficients>.");

    /// <summary>Sets the momentum (or β₁) a schedule imposes for the coming update.</summary>
    protected virtual void SetScheduledMomentum(double momentum) =>
        throw new InvalidOperationException($"{GetType().Name} has no momentum for a schedule to set.");

    /// <summary>The built layout, for a device executor; refreshed to the parameters' current trainability.</summary>
    internal OptimizerLayout CurrentLayout()
    {
        RequireBuilt();
        RefreshLayout();
        return _layout!;
    }

    private IOptimizerExecutor RequireBuilt() =>
        _executor ?? throw new InvalidOperationException($"Optimizer '{Name}' is not built: call Build(arena) first.");

    private StepResult Skip()
    {
        SkippedSteps++;
        if (Options.NonFinite == NonFinitePolicy.Throw)
        {
            for (int p = 0; p < _parameterPartials.Length; p++)
                if (!double.IsFinite(_parameterPartials[p]))
                    throw new NonFiniteGradientException(_arena!.Parameters[p].Name, Iterations);
        }
        return StepResult.SkippedNonFinite;
    }

    // Per-parameter partials, combined across shards; a non-finite gradient makes its parameter's partial NaN or ∞.
    // Gradients vouched finite are not read, unless clipping needs their norm.
    private bool GradientsAreFinite(IOptimizerExecutor executor, bool sumOfSquares, bool[]? vouchedFinite)
    {
        if (vouchedFinite is not null && !sumOfSquares)
            executor.CheckFinite(vouchedFinite, _parameterPartials);
        else
            executor.ReduceGradients(sumOfSquares, _parameterPartials);
        _shard?.Combiner.SumAcrossShards(_parameterPartials);
        foreach (double partial in _parameterPartials)
            if (!double.IsFinite(partial)) return false;
        return true;
    }

    private void ComputeGradientScales(bool clipsNorm)
    {
        var scale = _layout!.ParameterScale;
        float sign = Options.Maximize ? -1f : 1f;
        bool torch = Convention == Convention.PyTorch;
        if (!clipsNorm)
        {
            Array.Fill(scale, sign);
            return;
        }
        if (Options.ClipNorm is { } c)
        {
            for (int p = 0; p < scale.Length; p++)
                scale[p] = sign * (float)ClipFactor(Math.Sqrt(_parameterPartials[p]), c, torch);
        }
        else
        {
            double total = 0;
            foreach (double s in _parameterPartials) total += s;
            Array.Fill(scale, sign * (float)ClipFactor(Math.Sqrt(total), Options.GlobalClipNorm!.Value, torch));
        }
    }

    // Keras: c / max(n, c) (no epsilon). PyTorch clip_grad_norm_: min(c / (n + 1e-6), 1), applied even when 1.
    private static double ClipFactor(double norm, double clip, bool torch) =>
        torch ? Math.Min(clip / (norm + 1e-6), 1.0) : norm > clip ? clip / norm : 1.0;

    private void ComputeGroupCoefficients(double rate)
    {
        var layout = _layout!;
        bool decoupled = DecoupledWeightDecay;
        for (int g = 0; g < layout.GroupRates.Length; g++)
        {
            var group = g == 0 ? null : _groups[g - 1];
            double groupRate = rate * (group?.LearningRateMultiplier ?? 1.0);
            double decay = group?.WeightDecay ?? Options.WeightDecay ?? 0.0;
            layout.GroupRates[g] = groupRate;
            layout.GroupDecay[g] = decoupled ? (float)(decay * groupRate) : 0f;
            layout.GroupL2[g] = decoupled ? 0f : (float)decay;
        }
    }

    private void RefreshLayout()
    {
        var parameters = _arena!.Parameters;
        for (int p = 0; p < parameters.Count && !_layoutDirty; p++)
            _layoutDirty = parameters[p].Trainable != _trainableSeen[p];
        if (_layoutDirty) ResolveLayout(parameters);
    }

    // Separate from RefreshLayout so the lambda's closure is allocated only when the layout changes.
    private void ResolveLayout(IReadOnlyList<Parameter> parameters)
    {
        var layout = _layout!;
        if (layout.GroupRates.Length != _groups.Count + 1)
        {
            layout.GroupRates = new double[_groups.Count + 1];
            layout.GroupDecay = new float[_groups.Count + 1];
            layout.GroupL2 = new float[_groups.Count + 1];
        }
        for (int p = 0; p < parameters.Count; p++)
        {
            int group = _groups.FindIndex(g => g.Matches(parameters[p])) + 1;
            layout.ParameterGroup[p] = group;
            _trainableSeen[p] = parameters[p].Trainable;
            layout.ParameterActive[p] = parameters[p].Trainable && (group == 0 || !_groups[group - 1].Frozen);
            layout.ParameterDecays[p] = DecaysWeight(parameters[p]);
        }
        int active = 0;
        for (int c = 0; c < layout.Chunks.Length; c++)
            if (layout.ParameterActive[layout.Chunks[c].Parameter])
                layout.Active[active++] = c;
        layout.ActiveCount = active;
        layout.ClipValue = Options.ClipValue is { } clip ? (float)clip : float.PositiveInfinity;
        layout.Version++;
        _layoutDirty = false;
    }
}
