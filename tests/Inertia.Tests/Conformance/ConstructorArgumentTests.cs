using System.Text.Json;
using Inertia.Optimizers;

namespace Inertia.Tests.Conformance;

/// <summary>The conformance reader accepts every documented constructor argument of the optimizers it reads, and nothing else.</summary>
public class ConstructorArgumentTests
{
    public static TheoryData<string, string> PyTorchSignatures() => new()
    {
        { "SGD", "lr momentum dampening weight_decay nesterov maximize foreach differentiable fused" },
        { "Adam", "lr betas eps weight_decay amsgrad maximize decoupled_weight_decay fused foreach capturable differentiable" },
        { "AdamW", "lr betas eps weight_decay amsgrad maximize fused foreach capturable differentiable" },
        { "Adamax", "lr betas eps weight_decay maximize foreach capturable differentiable" },
        { "NAdam", "lr betas eps weight_decay momentum_decay decoupled_weight_decay maximize foreach capturable differentiable" },
        { "RAdam", "lr betas eps weight_decay decoupled_weight_decay maximize foreach capturable differentiable" },
        { "Adagrad", "lr lr_decay weight_decay initial_accumulator_value eps maximize foreach differentiable fused" },
        { "Adadelta", "lr rho eps weight_decay maximize foreach capturable differentiable" },
        { "RMSprop", "lr alpha eps weight_decay momentum centered maximize foreach capturable differentiable" },
    };

    public static TheoryData<string, string> KerasSignatures()
    {
        const string common = "learning_rate weight_decay clipnorm clipvalue global_clipnorm use_ema ema_momentum ema_overwrite_frequency gradient_accumulation_steps name";
        return new()
        {
            { "SGD", "momentum nesterov " + common },
            { "Adam", "beta_1 beta_2 epsilon amsgrad " + common },
            { "AdamW", "beta_1 beta_2 epsilon amsgrad " + common },
            { "Adamax", "beta_1 beta_2 epsilon " + common },
            { "Nadam", "beta_1 beta_2 epsilon " + common },
            { "Adagrad", "initial_accumulator_value epsilon " + common },
            { "Adadelta", "rho epsilon " + common },
            { "RMSprop", "rho momentum epsilon centered " + common },
            { "Lion", "beta_1 beta_2 " + common },
        };
    }

    [Theory]
    [MemberData(nameof(PyTorchSignatures))]
    public void Each_pytorch_optimizer_accepts_exactly_its_documented_arguments(string optimizer, string arguments) =>
        Assert.Equal(arguments.Split(' ').Order(), ConstructorArguments.PyTorch[optimizer].Keys.Order());

    [Theory]
    [MemberData(nameof(KerasSignatures))]
    public void Each_keras_optimizer_accepts_exactly_its_documented_arguments(string optimizer, string arguments) =>
        Assert.Equal(arguments.Split(' ').Order(), ConstructorArguments.Keras[optimizer].Keys.Order());

    [Fact]
    public void Pytorch_adadelta_rho_is_read()
    {
        var optimizer = Assert.IsType<Adadelta>(Create("pytorch", "Adadelta", """{"lr": 1.0, "rho": 0.8, "eps": 1e-6}"""));
        Assert.Equal(0.8, optimizer.Rho);
    }

    [Theory]
    [MemberData(nameof(PyTorchSignatures))]
    public void Pytorch_execution_only_arguments_do_not_change_the_optimizer(string optimizer, string arguments)
    {
        var execution = arguments.Split(' ').Where(a => ConstructorArguments.PyTorch[optimizer][a] == ConstructorArguments.NoNumericEffect);
        string config = "{" + string.Join(", ", execution.Select(a => $"\"{a}\": false").Prepend("\"lr\": 0.01")) + "}";

        var created = Create("pytorch", optimizer, config);

        Assert.Equal(Create("pytorch", optimizer, """{"lr": 0.01}""").GetConfig().Settings, created.GetConfig().Settings);
    }

    [Fact]
    public void An_argument_nobody_documents_fails_the_case()
    {
        var error = Assert.Throws<InvalidDataException>(() => Create("pytorch", "Adam", """{"lr": 0.1, "warmup": 10}"""));
        Assert.Contains("'warmup'", error.Message);
    }

    [Fact]
    public void Keras_loss_scale_factor_changes_rounding_and_fails_the_case_unless_null()
    {
        Assert.Throws<InvalidDataException>(() => Create("keras", "Adam", """{"learning_rate": 0.1, "loss_scale_factor": 128.0}"""));
        Assert.IsType<Adam>(Create("keras", "Adam", """{"learning_rate": 0.1, "loss_scale_factor": null}"""));
    }

    private static Optimizer Create(string convention, string optimizer, string config)
    {
        using var doc = JsonDocument.Parse($$"""{"convention": "{{convention}}", "optimizer": "{{optimizer}}", "config": {{config}}}""");
        return GoldenCase.CreateOptimizer(doc.RootElement);
    }
}
