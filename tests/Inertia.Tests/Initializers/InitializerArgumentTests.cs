using System.Text.Json;
using Inertia.Initializers;

namespace Inertia.Tests.Initializers;

public class InitializerArgumentTests
{
    [Fact]
    public void Out_of_range_arguments_name_the_parameter_and_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(-1));
        Assert.Equal("scale", e.ParamName);
        Assert.Equal(-1.0, e.ActualValue);
        Assert.Equal("mode", Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(1, "fan_sum")).ParamName);
        Assert.Equal("distribution", Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(1, "fan_in", "normal")).ParamName);
        Assert.Equal("stddev", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomNormal(0, -1)).ParamName);
        Assert.Equal("stddev", Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedNormal(0, double.NaN)).ParamName);
        Assert.Equal("maxval", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomUniform(1, 0)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new Constant(float.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void Initializers_are_found_by_keras_name_and_class_name()
    {
        Assert.IsType<HeNormal>(Initializer.Get("he_normal"));
        Assert.IsType<HeNormal>(Initializer.Get("HeNormal"));
        Assert.IsType<LecunUniform>(Initializer.Get("lecun_uniform"));
        var e = Assert.Throws<ArgumentException>(() => Initializer.Get("xavier"));
        Assert.Contains("xavier", e.Message);
    }

    [Fact]
    public void Initializers_round_trip_through_json_config()
    {
        Initializer[] all = [new VarianceScaling(2, "fan_avg", "untruncated_normal"), new RandomNormal(1, 2), new RandomUniform(-3, 4),
            new TruncatedNormal(0.5, 0.1), new Constant(7), new GlorotNormal(), new Ones()];
        foreach (var init in all)
        {
            string json = JsonSerializer.Serialize(Initializer.Serialize(init));
            var back = Initializer.FromConfig(JsonSerializer.Deserialize<JsonElement>(json));
            Assert.Equal(init.GetType(), back.GetType());
            Assert.Equal(json, JsonSerializer.Serialize(Initializer.Serialize(back)));
        }
    }
}
