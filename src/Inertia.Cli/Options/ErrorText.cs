namespace Inertia.Cli.Options;

/// <summary>A library exception's message as one plain sentence, without .NET's "(Parameter 'x')" and "Actual value was" additions.</summary>
internal static class ErrorText
{
    public static string Plain(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            int cut = message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        if (e is ArgumentOutOfRangeException { ActualValue: { } value })
        {
            int cut = message.IndexOf("Actual value was", StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
            message = $"{message.TrimEnd().TrimEnd('.')}, got {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}.";
        }
        return message.ReplaceLineEndings(" ").Trim();
    }
}
