using Inertia.Autograd;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Onnx.Tests;

public class ExportErrorTests
{
    [Fact]
    public void An_unbuilt_model_is_refused_with_its_name()
    {
        var model = new Sequential([new Dense(2)], name: "draft");
        var e = Assert.Throws<InvalidOperationException>(() => model.SaveOnnx(new MemoryStream()));
        Assert.Contains("'draft' is not built", e.Message);
    }

    [Fact]
    public void A_layer_without_an_onnx_mapping_is_named()
    {
        var model = new Sequential([new Dense(2), new Doubling()], new Shape(3));
        model.Build(seed: 1);
        var e = Assert.Throws<NotSupportedException>(() => model.SaveOnnx(new MemoryStream()));
        Assert.Contains("layer 'doubling' of class Doubling", e.Message);
    }

    [Fact]
    public void A_device_file_is_never_replaced()
    {
        var model = Small();
        var e = Assert.Throws<IOException>(() => model.SaveOnnx("/dev/null"));
        Assert.Contains("'/dev/null' exists and is not a regular file", e.Message);
        Assert.True(File.Exists("/dev/null"));
    }

    [Fact]
    public void A_directory_is_refused()
    {
        string dir = Directory.CreateTempSubdirectory("inertia-onnx-").FullName;
        try
        {
            var e = Assert.Throws<IOException>(() => Small().SaveOnnx(dir));
            Assert.Contains("is a directory", e.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_symbolic_link_is_left_as_it_is()
    {
        string dir = Directory.CreateTempSubdirectory("inertia-onnx-").FullName;
        try
        {
            string target = Path.Combine(dir, "target.onnx"), link = Path.Combine(dir, "link.onnx");
            File.WriteAllText(target, "kept");
            File.CreateSymbolicLink(link, target);
            Assert.Throws<IOException>(() => Small().SaveOnnx(link));
            Assert.Equal(target, new FileInfo(link).LinkTarget);
            Assert.Equal("kept", File.ReadAllText(target));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Sequential Small()
    {
        var model = new Sequential([new Dense(2)], new Shape(3));
        model.Build(seed: 1);
        return model;
    }

    private sealed class Doubling() : Layer(null)
    {
        protected override Shape OnBuild(Shape inputShape) => inputShape;
        public override Variable Call(Tape tape, Variable input, bool training) => input;
        public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
    }
}
