using System.Text;
using System.Text.Json;
using Inertia.IO;

namespace Inertia.Cli.Options;

/// <summary>
/// Reads the JSON files the CLI takes (--config, --schedule): a regular file under
/// <see cref="InputCaps.JsonBytes"/>, UTF-8 with or without a byte-order mark; a key given twice
/// in one object is an error, not "the first one wins".
/// </summary>
internal static class JsonText
{
    public static string Read(string path, string what)
    {
        using var file = InputFile.OpenRead(path, what, InputCaps.JsonBytes, "INERTIA_MAX_JSON_BYTES");
        using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    public static void RefuseDuplicateKeys(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw new UsageException($"{where} gives the key '{property.Name}' twice", ExitCodes.Data);
                RefuseDuplicateKeys(property.Value, where);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) RefuseDuplicateKeys(item, where);
    }
}
