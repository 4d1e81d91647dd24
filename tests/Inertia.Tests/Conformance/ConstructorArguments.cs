namespace Inertia.Tests.Conformance;

/// <summary>
/// Every documented constructor argument of each PyTorch and Keras optimizer Inertia implements,
/// and what it becomes: a factory setting, or nothing because it does not change the numbers
/// (execution strategy only). A golden file may use any of them; any other argument, or a value
/// of one Inertia does not implement, fails the case.
/// </summary>
/// <remarks>
/// Sources: the torch.optim reference (PyTorch 2.x signatures) and Keras 3's optimizer reference
/// (the base <c>Optimizer</c> arguments plus each class's own).
/// </remarks>
internal static class ConstructorArguments
{
    /// <summary>Marks an argument accepted with any value because it selects how PyTorch computes, not what.</summary>
    public const string NoNumericEffect = "";

    /// <summary>PyTorch's <c>betas=(β₁, β₂)</c>, split into two settings.</summary>
    public const string Betas = "beta1,beta2";

    // foreach / fused pick a multi-tensor or fused kernel, capturable allows CUDA-graph capture,
    // differentiable lets autograd through the step: the same arithmetic in each case.
    private static readonly (string, string)[] TorchExecution =
        [("foreach", NoNumericEffect), ("capturable", NoNumericEffect), ("differentiable", NoNumericEffect)];

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> PyTorch { get; } = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["SGD"] = Table([("lr", "learningRate"), ("momentum", "momentum"), ("dampening", "dampening"), ("weight_decay", "weightDecay"),
            ("nesterov", "nesterov"), ("maximize", "maximize"), ("foreach", NoNumericEffect), ("differentiable", NoNumericEffect), ("fused", NoNumericEffect)]),
        ["Adam"] = Table([("lr", "learningRate"), ("betas", Betas), ("eps", "epsilon"), ("weight_decay", "weightDecay"), ("amsgrad", "amsgrad"),
            ("maximize", "maximize"), ("decoupled_weight_decay", "decoupledWeightDecay"), ("fused", NoNumericEffect), .. TorchExecution]),
        ["AdamW"] = Table([("lr", "learningRate"), ("betas", Betas), ("eps", "epsilon"), ("weight_decay", "weightDecay"), ("amsgrad", "amsgrad"),
            ("maximize", "maximize"), ("fused", NoNumericEffect), .. TorchExecution]),
        ["Adamax"] = Table([("lr", "learningRate"), ("betas", Betas), ("eps", "epsilon"), ("weight_decay", "weightDecay"), ("maximize", "maximize"),
            .. TorchExecution]),
        ["NAdam"] = Table([("lr", "learningRate"), ("betas", Betas), ("eps", "epsilon"), ("weight_decay", "weightDecay"), ("momentum_decay", "momentumDecay"),
            ("decoupled_weight_decay", "decoupledWeightDecay"), ("maximize", "maximize"), .. TorchExecution]),
        ["RAdam"] = Table([("lr", "learningRate"), ("betas", Betas), ("eps", "epsilon"), ("weight_decay", "weightDecay"),
            ("decoupled_weight_decay", "decoupledWeightDecay"), ("maximize", "maximize"), .. TorchExecution]),
        ["Adagrad"] = Table([("lr", "learningRate"), ("lr_decay", "lrDecay"), ("weight_decay", "weightDecay"), ("initial_accumulator_value", "initialAccumulatorValue"),
            ("eps", "epsilon"), ("maximize", "maximize"), ("foreach", NoNumericEffect), ("differentiable", NoNumericEffect), ("fused", NoNumericEffect)]),
        ["Adadelta"] = Table([("lr", "learningRate"), ("rho", "rho"), ("eps", "epsilon"), ("weight_decay", "weightDecay"), ("maximize", "maximize"),
            .. TorchExecution]),
        ["RMSprop"] = Table([("lr", "learningRate"), ("alpha", "rho"), ("eps", "epsilon"), ("weight_decay", "weightDecay"), ("momentum", "momentum"),
            ("centered", "centered"), ("maximize", "maximize"), .. TorchExecution]),
    };

    // Keras 3's base Optimizer arguments. loss_scale_factor is absent: it scales the loss and
    // unscales the gradients, which changes rounding, so a file that sets it is refused (see Keras()).
    private static readonly (string, string)[] KerasBase =
    [
        ("learning_rate", "learningRate"), ("weight_decay", "weightDecay"), ("clipnorm", "clipnorm"), ("clipvalue", "clipvalue"),
        ("global_clipnorm", "globalClipnorm"), ("use_ema", "useEma"), ("ema_momentum", "emaMomentum"),
        ("ema_overwrite_frequency", "emaOverwriteFrequency"), ("gradient_accumulation_steps", "gradientAccumulationSteps"), ("name", "name"),
    ];

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Keras { get; } = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["SGD"] = Table([("momentum", "momentum"), ("nesterov", "nesterov"), .. KerasBase]),
        ["Adam"] = Table([("beta_1", "beta1"), ("beta_2", "beta2"), ("epsilon", "epsilon"), ("amsgrad", "amsgrad"), .. KerasBase]),
        ["AdamW"] = Table([("beta_1", "beta1"), ("beta_2", "beta2"), ("epsilon", "epsilon"), ("amsgrad", "amsgrad"), .. KerasBase]),
        ["Adamax"] = Table([("beta_1", "beta1"), ("beta_2", "beta2"), ("epsilon", "epsilon"), .. KerasBase]),
        ["Nadam"] = Table([("beta_1", "beta1"), ("beta_2", "beta2"), ("epsilon", "epsilon"), .. KerasBase]),
        ["Adagrad"] = Table([("initial_accumulator_value", "initialAccumulatorValue"), ("epsilon", "epsilon"), .. KerasBase]),
        ["Adadelta"] = Table([("rho", "rho"), ("epsilon", "epsilon"), .. KerasBase]),
        ["RMSprop"] = Table([("rho", "rho"), ("momentum", "momentum"), ("epsilon", "epsilon"), ("centered", "centered"), .. KerasBase]),
        ["Lion"] = Table([("beta_1", "beta1"), ("beta_2", "beta2"), .. KerasBase]),
    };

    /// <summary>The setting a PyTorch argument of <paramref name="optimizer"/> becomes.</summary>
    /// <exception cref="InvalidDataException">The optimizer or the argument is not in the table.</exception>
    public static string TorchSetting(string optimizer, string argument) => Lookup(PyTorch, "PyTorch", optimizer, argument);

    /// <summary>The setting a Keras config key of <paramref name="optimizer"/> becomes; <c>loss_scale_factor</c> is accepted only as null.</summary>
    /// <exception cref="InvalidDataException">The optimizer or the key is not in the table.</exception>
    public static string KerasSetting(string optimizer, string key) => Lookup(Keras, "Keras", optimizer, key);

    private static string Lookup(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> table, string library, string optimizer, string argument)
    {
        if (!table.TryGetValue(optimizer, out var arguments))
            throw new InvalidDataException($"The suite knows no {library} optimizer '{optimizer}'.");
        return arguments.TryGetValue(argument, out var setting)
            ? setting
            : throw new InvalidDataException($"Unknown {library} {optimizer} argument '{argument}' (known: {string.Join(", ", arguments.Keys)}).");
    }

    private static IReadOnlyDictionary<string, string> Table((string Argument, string Setting)[] entries) =>
        entries.ToDictionary(e => e.Argument, e => e.Setting, StringComparer.Ordinal);
}
