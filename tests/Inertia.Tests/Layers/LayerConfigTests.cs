using System.Text.Json;
using Inertia.Initializers;
using Inertia.Layers;
using Inertia.Layers.Activations;

namespace Inertia.Tests.Layers;

public class LayerConfigTests
{
    public static TheoryData<Layer> EveryLayer => new()
    {
        new Dense(7, new LeakyRelu(0.1f), new RandomNormal(0.5, 2), new Constant(0.25f), useBias: true, name: "dense_3"),
        new Dense(3, "gelu", new HeNormal(), useBias: false, name: "d"),
        new Flatten("flatten"),
        new Dropout(0.3f, seed: 12345678901234567890UL, name: "dropout"),
        new AlphaDropout(0.1f, name: "alpha_dropout"),
        new BatchNormalization(0.9, 1e-5f, center: false, scale: true, gammaInitializer: new VarianceScaling(2, "fan_out", "uniform"), name: "bn"),
        new ActivationLayer(new Elu(0.5f), "activation"),
        new ReLU("re_lu"),
        new LeakyReLU(0.05f, "leaky"),
        new PReLU(new Constant(0.25f), [1, 2], "p_re_lu"),
        new ELU(2f, "elu"),
        new SoftmaxLayer("softmax"),
    };

    private static string Json(Layer layer) => JsonSerializer.Serialize<object>(layer.GetConfig());

    [Theory]
    [MemberData(nameof(EveryLayer))]
    public void Every_layer_is_rebuilt_identically_from_its_json_config(Layer layer)
    {
        layer.Trainable = false;
        string json = Json(layer);
        var read = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
        var rebuilt = LayerFactory.FromConfig(layer.ClassName, read);
        Assert.Equal(layer.GetType(), rebuilt.GetType());
        Assert.Equal(json, Json(rebuilt));
        Assert.False(rebuilt.Trainable);
    }

    [Fact]
    public void Rebuilt_layers_keep_their_activation_and_initializer_arguments()
    {
        var dense = new Dense(7, new LeakyRelu(0.1f), new RandomNormal(0.5, 2), name: "dense");
        var read = JsonSerializer.Deserialize<Dictionary<string, object?>>(Json(dense))!;
        var rebuilt = (Dense)LayerFactory.FromConfig("Dense", read);
        Assert.Equal(0.1f, ((LeakyRelu)rebuilt.Activation).NegativeSlope);
        var init = (RandomNormal)rebuilt.KernelInitializer;
        Assert.Equal((0.5, 2.0), (init.Mean, init.Stddev));
    }

    [Fact]
    public void Default_dense_config_names_its_activation_and_initializers_like_keras()
    {
        var config = new Dense(10, "relu", name: "dense").GetConfig();
        Assert.Equal("relu", config["activation"]);
        Assert.Equal("glorot_uniform", config["kernel_initializer"]);
        Assert.Equal("zeros", config["bias_initializer"]);
    }

    [Fact]
    public void Layer_class_names_and_default_names_follow_keras()
    {
        Assert.Equal("Activation", new ActivationLayer("relu").ClassName);
        Assert.Equal("activation", new ActivationLayer("relu").DefaultNamePrefix);
        Assert.Equal("p_re_lu", new PReLU().DefaultNamePrefix);
        Assert.Equal("leaky_re_lu", new LeakyReLU().DefaultNamePrefix);
        Assert.Equal("batch_normalization", new BatchNormalization().DefaultNamePrefix);
        Assert.Equal("softmax", new SoftmaxLayer().DefaultNamePrefix);
    }

    [Fact]
    public void Unknown_classes_and_missing_values_are_reported_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => LayerFactory.FromConfig("Conv2D", new Dictionary<string, object?>()));
        Assert.Contains("Conv2D", e.Message);
        var missing = Assert.Throws<ArgumentException>(() => LayerFactory.FromConfig("Dense", new Dictionary<string, object?>()));
        Assert.Contains("units", missing.Message);
    }

    [Fact]
    public void Activations_round_trip_by_name_and_by_config()
    {
        foreach (var name in Activations.Names)
        {
            var a = Activations.Get(name);
            var back = Activations.FromConfig(JsonSerializer.Deserialize<JsonElement>(JsonSerializer.Serialize(Activations.Serialize(a))));
            Assert.Equal(a.GetType(), back.GetType());
        }
        var gelu = (Gelu)Activations.FromConfig(Activations.Serialize(new Gelu(approximate: true)));
        Assert.True(gelu.Approximate);
        Assert.Throws<ArgumentException>(() => Activations.Get("relu7"));
    }
}
