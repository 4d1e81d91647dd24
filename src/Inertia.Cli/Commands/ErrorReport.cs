using Inertia.Cli.Options;
using Inertia.Data;
using Inertia.Training.Serialization;

namespace Inertia.Cli.Commands;

/// <summary>
/// The one place that turns an exception into the CLI's line on stderr and its exit code:
/// the message in the project's words (no .NET type names, no "(Parameter 'x')" suffix, no
/// "Actual value was" sentence) and the code from what failed (see <see cref="ExitCodes"/>).
/// </summary>
internal static class ErrorReport
{
    /// <summary>The exit code for an exception the commands did not turn into a <see cref="UsageException"/>.</summary>
    public static int ExitCode(Exception e) => e switch
    {
        UsageException u => u.ExitCode,
        OperationCanceledException => ExitCodes.Cancelled,
        DataFormatException or CheckpointFormatException or InvalidDataException or ArgumentException or FormatException => ExitCodes.Data,
        _ => ExitCodes.Failure,
    };

    /// <summary>One line saying what went wrong, in the project's words.</summary>
    public static string Message(Exception e)
    {
        if (e is OperationCanceledException)
            return "interrupted before anything was finished; nothing was written";
        string text = e.Message;
        string? got = null;
        if (e is ArgumentOutOfRangeException { ActualValue: { } actual })
        {
            string sentence = Environment.NewLine + $"Actual value was {actual}.";
            if (text.EndsWith(sentence, StringComparison.Ordinal))
            {
                text = text[..^sentence.Length];
                got = Format(actual);
            }
        }
        if (e is ArgumentException { ParamName: { } name })
            text = text.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        text = text.ReplaceLineEndings(" ").Trim();
        return got is null || text.Contains(got, StringComparison.Ordinal) ? text : $"{text.TrimEnd('.')}, got {got}.";
    }

    private static string Format(object value) =>
        value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : value.ToString() ?? "";
}
