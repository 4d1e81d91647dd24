using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Inertia.Cli.Options;

/// <summary>
/// A JSON file standing in for command-line options: each key is an option name in camelCase
/// (<c>batchSize</c> for <c>--batch-size</c>), lists may be arrays, and <c>set</c> may be an object
/// of objects: <c>{"set": {"adam": {"learningRate": 3e-4}}}</c>. Options given on the command line win.
/// </summary>
internal static class ConfigFile
{
    public static void Apply(string path, ParsedArguments args, IReadOnlyList<OptionSpec> specs)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(JsonText.Read(path, "config file"), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (IOException e) { throw new UsageException(e.Message.Contains(path, StringComparison.Ordinal) ? e.Message.TrimEnd('.') : $"cannot read config file '{path}': {e.Message}", ExitCodes.Data); }
        catch (UnauthorizedAccessException e) { throw new UsageException($"cannot read config file '{path}': {e.Message}", ExitCodes.Data); }
        catch (JsonException e) { throw new UsageException($"config file '{path}' is not valid JSON: {OneLine(e.Message)}", ExitCodes.Data); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"config file '{path}' must hold a JSON object of options", ExitCodes.Data);
            JsonText.RefuseDuplicateKeys(doc.RootElement, $"config file '{path}'");
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                string name = KebabCase(property.Name);
                var spec = ArgumentParser.Find(specs, name);
                if (spec is null || name == "config")
                    throw new UsageException($"config file '{path}' has unknown key '{property.Name}' for 'inertia {args.Command}'{DidYouMean.Hint(name, specs.Where(s => s.Name != "config").Select(s => s.Name), CamelCase)}");
                foreach (string value in Values(path, property, spec))
                    args.AddFromConfig(spec.Name, value, spec.Repeatable);
            }
        }
    }

    private static IEnumerable<string> Values(string path, JsonProperty property, OptionSpec spec)
    {
        var v = property.Value;
        if (!spec.TakesValue)
        {
            if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new UsageException($"config file '{path}': '{property.Name}' must be true or false");
            return v.ValueKind == JsonValueKind.True ? ["true"] : [];
        }
        if (spec.Name == "set" && v.ValueKind == JsonValueKind.Object)
            return v.EnumerateObject().SelectMany(opt =>
                opt.Value.ValueKind == JsonValueKind.Object
                    ? opt.Value.EnumerateObject().Select(kv => $"{opt.Name}.{kv.Name}={Scalar(path, property.Name, kv.Value)}")
                    : throw new UsageException($"config file '{path}': 'set.{opt.Name}' must be an object of settings")).ToList();
        if (v.ValueKind == JsonValueKind.Array)
        {
            var items = v.EnumerateArray().Select(e => Scalar(path, property.Name, e)).ToList();
            return spec.Repeatable ? items : [string.Join(",", items)];
        }
        return [Scalar(path, property.Name, v)];
    }

    private static string Scalar(string path, string key, JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new UsageException($"config file '{path}': '{key}' must be a string, number or boolean"),
    };

    private static string KebabCase(string camel)
    {
        var sb = new StringBuilder();
        foreach (char c in camel)
        {
            if (char.IsUpper(c)) sb.Append('-').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static string CamelCase(string kebab) =>
        string.Concat(kebab.Split('-').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
