using System.Globalization;
using System.Text.Json;
using Inertia.Optimizers;

namespace Inertia.Tests.Conformance;

/// <summary>
/// Turns one golden optimizer file into an Inertia optimizer through the public factory: Keras
/// config keys and PyTorch arguments become settings through <see cref="ConstructorArguments"/>, PyTorch
/// <c>clip</c> and <c>scheduler</c> become GlobalClipNorm/ClipValue and a schedule. Anything not
/// understood throws, so the case fails.
/// </summary>
internal static class GoldenCase
{
    private static readonly HashSet<string> KnownFields =
    [
        "convention", "source", "name", "exercises", "optimizer", "config", "resolved_config", "variables", "problem",
        "initial_params", "steps", "clip", "scheduler", "lr_used_per_step", "params_after_step", "ema_after_step",
        "sensitivity", "lion_min_abs_direction",
    ];

    public static void RejectUnknownFields(JsonElement root)
    {
        var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => !KnownFields.Contains(n)).ToArray();
        if (unknown.Length > 0)
            throw new InvalidDataException($"Golden file has field(s) the suite does not understand: {string.Join(", ", unknown)}.");
    }

    public static Optimizer CreateOptimizer(JsonElement root)
    {
        string convention = root.GetProperty("convention").GetString()!;
        string className = root.GetProperty("optimizer").GetString()!;
        string optimizer = className.ToLowerInvariant();
        var config = root.GetProperty("config");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (convention)
        {
            case "keras":
                foreach (var p in config.EnumerateObject())
                {
                    if (p.Name == "loss_scale_factor" && p.Value.ValueKind != JsonValueKind.Null)
                        throw new InvalidDataException($"Keras loss_scale_factor {p.Value} changes rounding and is not implemented.");
                    if (p.Name != "loss_scale_factor" && p.Value.ValueKind != JsonValueKind.Null)
                        settings[ConstructorArguments.KerasSetting(className, p.Name)] = Text(p.Value);
                }
                if (root.TryGetProperty("clip", out var kc) && kc.ValueKind != JsonValueKind.Null)
                    throw new InvalidDataException("A Keras golden file has a PyTorch 'clip' field.");
                if (root.TryGetProperty("scheduler", out var ks) && ks.ValueKind != JsonValueKind.Null)
                    throw new InvalidDataException("A Keras golden file has a PyTorch 'scheduler' field.");
                break;
            case "pytorch":
                settings["convention"] = "pytorch";
                foreach (var p in config.EnumerateObject())
                {
                    string setting = ConstructorArguments.TorchSetting(className, p.Name);
                    if (setting == ConstructorArguments.Betas)
                    {
                        var betas = p.Value.EnumerateArray().ToArray();
                        settings["beta1"] = Text(betas[0]);
                        settings["beta2"] = Text(betas[1]);
                    }
                    else if (setting != ConstructorArguments.NoNumericEffect)
                        settings[setting] = Text(p.Value);
                }
                if (root.TryGetProperty("clip", out var clip) && clip.ValueKind != JsonValueKind.Null)
                    AddClip(clip, settings);
                if (root.TryGetProperty("scheduler", out var scheduler) && scheduler.ValueKind != JsonValueKind.Null)
                    settings["learningRate"] = ScheduleJson(scheduler, settings);
                break;
            default:
                throw new InvalidDataException($"Unknown convention '{convention}'.");
        }
        if (optimizer == "nadam" && convention == "keras" && settings.ContainsKey("momentumDecay"))
            throw new InvalidDataException("Keras Nadam has no momentum_decay.");
        return OptimizerFactory.Create(optimizer, settings);
    }

    private static void AddClip(JsonElement clip, Dictionary<string, string> settings)
    {
        string kind = clip.GetProperty("kind").GetString()!;
        string value = Text(clip.GetProperty("value"));
        if (clip.EnumerateObject().Any(p => p.Name is not ("kind" or "value")))
            throw new InvalidDataException($"Unknown field in clip {clip}.");
        settings[kind switch
        {
            "norm" => "globalClipnorm",
            "value" => "clipvalue",
            _ => throw new InvalidDataException($"Unknown clip kind '{kind}'."),
        }] = value;
    }

    private static string ScheduleJson(JsonElement scheduler, Dictionary<string, string> settings)
    {
        string kind = scheduler.GetProperty("kind").GetString()!;
        if (scheduler.TryGetProperty("stepped", out var stepped) && stepped.GetString() != "after every optimizer step")
            throw new InvalidDataException($"Scheduler stepped '{stepped}' is not understood.");
        var config = new Dictionary<string, object>();
        foreach (var p in scheduler.GetProperty("args").EnumerateObject())
            config[p.Name] = p.Value.Clone();
        string className = kind == "OneCycleLR" ? "OneCycle" : kind;
        if (className != "OneCycle")
            config["initial_learning_rate"] = double.Parse(settings["learningRate"], CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["class_name"] = className, ["config"] = config });
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
