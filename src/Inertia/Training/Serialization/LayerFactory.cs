using System.Reflection;
using System.Text.Json;
using Inertia.Layers;
using Inertia.Layers.Activations;
using Inertia.Tensors;

namespace Inertia.Training.Serialization;

/// <summary>
/// Creates a layer from its class name and <see cref="Layer.GetConfig"/> (architecture files,
/// cloning). Config keys are the snake_case names of the constructor's parameters, as in Keras;
/// the constructor whose parameters take every key is called (so a new layer class needs no
/// registration). Initializers and activations are given by Keras name.
/// </summary>
internal static class LayerFactory
{
    private static readonly Lazy<Dictionary<string, Type>> LayerTypes = new(() =>
        typeof(Layer).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(Layer).IsAssignableFrom(t))
            .ToDictionary(t => t.Name, StringComparer.Ordinal));

    /// <summary>The configuration of <paramref name="layer"/> as a JSON object.</summary>
    public static JsonElement ConfigOf(Layer layer) => JsonSerializer.SerializeToElement(layer.GetConfig());

    /// <summary>A new layer of class <paramref name="className"/> with this configuration.</summary>
    /// <exception cref="ArgumentException">The class is unknown, or no constructor takes the configuration; the message says which key or value fails.</exception>
    public static Layer Create(string className, JsonElement config)
    {
        if (!LayerTypes.Value.TryGetValue(className, out var type))
            throw new ArgumentException($"Unknown layer class '{className}'. Known: {string.Join(", ", LayerTypes.Value.Keys.Order(StringComparer.Ordinal))}.");
        if (config.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"The configuration of a {className} must be a JSON object, not {config.ValueKind}.");
        var keys = config.EnumerateObject().ToDictionary(p => CamelCase(p.Name), p => p, StringComparer.Ordinal);
        string? lastProblem = null;
        (ConstructorInfo Ctor, object?[] Args, int Exact)? best = null;
        foreach (var ctor in type.GetConstructors())
        {
            var parameters = ctor.GetParameters();
            var unknown = keys.Keys.FirstOrDefault(k => parameters.All(p => p.Name != k));
            if (unknown is not null)
            {
                lastProblem = $"key '{keys[unknown].Name}' is not a parameter of {className}";
                continue;
            }
            var args = new object?[parameters.Length];
            int exact = 0;
            bool ok = true;
            for (int i = 0; i < parameters.Length && ok; i++)
            {
                var p = parameters[i];
                if (!keys.TryGetValue(p.Name!, out var property))
                {
                    if (p.HasDefaultValue) args[i] = p.DefaultValue;
                    else
                    {
                        ok = false;
                        lastProblem = $"required key '{SnakeCase(p.Name!)}' is missing";
                    }
                    continue;
                }
                if (!TryConvert(property.Value, p.ParameterType, out args[i], out bool isExact, out var problem))
                {
                    ok = false;
                    lastProblem = $"key '{property.Name}': {problem}";
                }
                else if (isExact) exact++;
            }
            if (ok && (best is null || exact > best.Value.Exact)) best = (ctor, args, exact);
        }
        if (best is null)
            throw new ArgumentException($"No constructor of {className} takes this configuration: {lastProblem}.");
        try
        {
            return (Layer)best.Value.Ctor.Invoke(best.Value.Args);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException($"{className}: {inner.Message}", inner);
        }
    }

    private static bool TryConvert(JsonElement value, Type type, out object? result, out bool exact, out string problem)
    {
        result = null;
        exact = true;
        problem = "";
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!type.IsValueType || underlying is not null) return true;
            problem = $"null is not a {type.Name}";
            return false;
        }
        var t = underlying ?? type;
        try
        {
            if (t == typeof(string) && value.ValueKind == JsonValueKind.String) { result = value.GetString(); return true; }
            if (t == typeof(bool) && value.ValueKind is JsonValueKind.True or JsonValueKind.False) { result = value.GetBoolean(); return true; }
            if (t == typeof(int) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int i)) { result = i; return true; }
            if (t == typeof(long) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long l)) { result = l; return true; }
            if (t == typeof(ulong) && value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong u)) { result = u; return true; }
            if (t == typeof(double) && value.ValueKind == JsonValueKind.Number) { result = value.GetDouble(); return true; }
            if (t == typeof(float) && value.ValueKind == JsonValueKind.Number) { result = value.GetSingle(); return true; }
            if (t.IsEnum && value.ValueKind == JsonValueKind.String)
            {
                string name = value.GetString()!.Replace("_", "", StringComparison.Ordinal);
                if (Enum.TryParse(t, name, ignoreCase: true, out var e) && Enum.IsDefined(t, e!)) { result = e; return true; }
            }
            if ((t == typeof(int[]) || t == typeof(Shape)) && value.ValueKind == JsonValueKind.Array)
            {
                var dims = value.EnumerateArray().Select(d => d.GetInt32()).ToArray();
                result = t == typeof(Shape) ? new Shape(dims) : dims;
                return true;
            }
            exact = false;
            if (typeof(Initializers.Initializer).IsAssignableFrom(t) && value.ValueKind == JsonValueKind.String)
            {
                result = KerasNames.Initializer(value.GetString()!);
                return t.IsInstanceOfType(result);
            }
            if (typeof(Activation).IsAssignableFrom(t) && value.ValueKind == JsonValueKind.String)
            {
                result = Activations.Get(value.GetString());
                return t.IsInstanceOfType(result);
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            problem = e.Message;
            return false;
        }
        problem = $"a JSON {value.ValueKind} does not convert to {t.Name}";
        return false;
    }

    private static string CamelCase(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return snake;
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string SnakeCase(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
