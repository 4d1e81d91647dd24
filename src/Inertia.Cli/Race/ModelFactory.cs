using Inertia.Cli.Options;
using Inertia.Initializers;
using Inertia.Layers;
using Inertia.Tensors;
using Inertia.Training;

namespace Inertia.Cli.Race;

/// <summary>
/// Builds the race's MLP: Flatten → Dense(hidden, activation, initializer) [→ BatchNormalization] …
/// → Dense(classes, softmax). The same seed gives the same initial weights, bit for bit.
/// </summary>
internal static class ModelFactory
{
    public static Sequential Build(ModelSpec spec, Shape sampleShape, ulong seed)
    {
        var model = new Sequential(sampleShape, "race_mlp");
        if (sampleShape.Rank != 1) model.Add(new Flatten());
        foreach (int units in spec.Hidden)
        {
            model.Add(new Dense(units, spec.Activation, Initializer.Get(spec.Initializer)));
            if (spec.BatchNormalization) model.Add(new BatchNormalization());
        }
        model.Add(new Dense(spec.Classes, "softmax", Initializer.Get("glorot_uniform")));
        model.Build(seed);
        return model;
    }
}
