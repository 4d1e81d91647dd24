namespace Inertia.Cli.Options;

/// <summary>
/// The options given to one command, by name (without the leading dashes). A config file only
/// fills in what the command line left out, so the command line always wins; repeatable options
/// collect every value, the config file's first.
/// </summary>
internal sealed class ParsedArguments(string command)
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _configCounts = new(StringComparer.Ordinal);

    public string Command { get; } = command;

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public void AddFromCommandLine(string name, string value, bool repeatable)
    {
        if (_values.TryGetValue(name, out var list))
        {
            if (!repeatable)
                throw new UsageException($"option '--{name}' is given twice for 'inertia {Command}'");
            list.Add(value);
        }
        else
            _values[name] = [value];
    }

    public void AddFromConfig(string name, string value, bool repeatable)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = [value];
            _configCounts[name] = 1;
        }
        else if (repeatable)
        {
            // Config values go before the command line's, in file order, so a later --set wins.
            int n = _configCounts.GetValueOrDefault(name);
            list.Insert(n, value);
            _configCounts[name] = n + 1;
        }
    }
}
