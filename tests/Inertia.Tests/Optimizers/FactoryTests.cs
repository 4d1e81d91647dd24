using Inertia.Optimizers;

namespace Inertia.Tests.Optimizers;

public class FactoryTests
{
    public static TheoryData<string> CliNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in OptimizerFactory.Names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CliNames))]
    public void Every_cli_name_creates_an_optimizer_whose_config_round_trips(string name)
    {
        var optimizer = OptimizerFactory.Create(name, new Dictionary<string, string> { ["learningRate"] = "3e-4" });
        Assert.Equal(3e-4, optimizer.LearningRate);
        var config = optimizer.GetConfig();
        var rebuilt = OptimizerFactory.FromConfig(OptimizerConfig.FromJson(config.ToJson()));
        Assert.Equal(optimizer.GetType(), rebuilt.GetType());
        Assert.Equal(config.Settings, rebuilt.GetConfig().Settings);
    }

    [Theory]
    [MemberData(nameof(OptimizerZoo.Names), MemberType = typeof(OptimizerZoo))]
    public void An_optimizer_rebuilt_from_its_config_follows_the_same_trajectory(string name)
    {
        var original = OptimizerZoo.All[name]();
        var copy = OptimizerFactory.FromConfig(original.GetConfig());
        var a = OptimizerZoo.Arena(seed: 4, large: 1600);
        var b = OptimizerZoo.Arena(seed: 4, large: 1600);
        original.Build(a);
        copy.Build(b);
        OptimizerZoo.Run(original, a, 5);
        OptimizerZoo.Run(copy, b, 5);
        Assert.Equal(OptimizerZoo.Snapshot(original, a), OptimizerZoo.Snapshot(copy, b));
    }

    [Fact]
    public void Named_variants_set_momentum_and_nesterov()
    {
        var momentum = Assert.IsType<SGD>(OptimizerFactory.Create("momentum"));
        var nag = Assert.IsType<SGD>(OptimizerFactory.Create("NAG"));
        Assert.Equal(0.9, momentum.Momentum);
        Assert.False(momentum.Nesterov);
        Assert.True(nag.Nesterov);
    }

    [Fact]
    public void PyTorch_convention_uses_PyTorch_defaults()
    {
        var adam = Assert.IsType<Adam>(OptimizerFactory.Create("adam", new Dictionary<string, string> { ["convention"] = "pytorch" }));
        var rmsprop = Assert.IsType<RMSprop>(OptimizerFactory.Create("rmsprop", new Dictionary<string, string> { ["convention"] = "pytorch" }));
        var adamw = OptimizerFactory.Create("adamw", new Dictionary<string, string> { ["convention"] = "pytorch" });
        Assert.Equal(1e-8, adam.Epsilon);
        Assert.Equal(0.99, rmsprop.Rho);
        Assert.Equal(0.01, rmsprop.LearningRate);
        Assert.Equal(0.01, adamw.Options.WeightDecay);
        Assert.Equal(0.004, OptimizerFactory.Create("adamw").Options.WeightDecay);
    }

    [Fact]
    public void Unknown_names_keys_and_values_throw_naming_them()
    {
        Assert.Contains("'adamm'", Assert.Throws<ArgumentException>(() => OptimizerFactory.Create("adamm")).Message);
        Assert.Contains("beta3", Assert.Throws<ArgumentException>(() =>
            OptimizerFactory.Create("adam", new Dictionary<string, string> { ["beta3"] = "0.9" })).Message);
        Assert.Contains("momentum", Assert.Throws<ArgumentException>(() =>
            OptimizerFactory.Create("adam", new Dictionary<string, string> { ["momentum"] = "0.9" })).Message);
        Assert.Contains("'fast'", Assert.Throws<ArgumentException>(() =>
            OptimizerFactory.Create("adam", new Dictionary<string, string> { ["learningRate"] = "fast" })).Message);
        Assert.Contains("Bogus", Assert.Throws<ArgumentException>(() =>
            OptimizerFactory.Create("adam", new Dictionary<string, string> { ["learningRate"] = """{"class_name":"Bogus","config":{}}""" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OptimizerFactory.Create("sgd", new Dictionary<string, string> { ["momentum"] = "1.5" }));
    }

    [Fact]
    public void A_schedule_is_accepted_as_json()
    {
        var optimizer = OptimizerFactory.Create("sgd", new Dictionary<string, string>
        {
            ["learningRate"] = """{"class_name":"ExponentialDecay","config":{"initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5}}""",
        });
        Assert.IsType<Inertia.Schedules.ExponentialDecay>(optimizer.Schedule);
        Assert.Equal(0.1, optimizer.LearningRate);
    }
}
