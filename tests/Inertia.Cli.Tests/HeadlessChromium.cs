using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inertia.Cli.Tests;

/// <summary>
/// Real headless Chromium driven over the DevTools protocol (a WebSocket): loads a page, collects
/// console errors, exceptions and network requests, evaluates script, takes screenshots.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    public List<string> Errors { get; } = [];

    public List<string> RequestedUrls { get; } = [];

    private HeadlessChromium(Process process, string profile, Uri endpoint)
    {
        _process = process;
        _profile = profile;
        _socket.ConnectAsync(endpoint, CancellationToken.None).GetAwaiter().GetResult();
        _reader = Task.Run(ReadLoop);
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Chromium is not installed at {ExecutablePath}: the report test needs a real browser. Install it with 'apt-get install -y chromium' (./test.sh does), or set CHROMIUM to its path.");
        string profile = Path.Combine(Path.GetTempPath(), "inertia-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank",
        })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        var browserUrl = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && DevToolsLine().Match(e.Data) is { Success: true } m) browserUrl.TrySetResult(m.Groups[1].Value);
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var ready = await Task.WhenAny(browserUrl.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (ready != browserUrl.Task)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not announce its DevTools endpoint within 60 s.");
        }
        var browser = new Uri(browserUrl.Task.Result);
        using var http = new HttpClient();
        string pageSocket = "";
        for (int attempt = 0; attempt < 50 && pageSocket.Length == 0; attempt++)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://{browser.Authority}/json/list"))!.AsArray();
            pageSocket = targets.FirstOrDefault(t => (string?)t!["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>() ?? "";
            if (pageSocket.Length == 0) await Task.Delay(100);
        }
        Assert.False(pageSocket.Length == 0, "Chromium exposed no page target.");
        var chromium = new HeadlessChromium(process, profile, new Uri(pageSocket));
        await chromium.SendAsync("Runtime.enable");
        await chromium.SendAsync("Log.enable");
        await chromium.SendAsync("Page.enable");
        await chromium.SendAsync("Network.enable");
        return chromium;
    }

    public async Task NavigateAsync(string url, int width, int height)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new { url });
        if (await Task.WhenAny(_loaded.Task, Task.Delay(TimeSpan.FromSeconds(60))) != _loaded.Task)
            Assert.Fail($"{url} did not finish loading within 60 s.");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var ex))
            Assert.Fail($"Script failed in the page: {ex}");
        return result.GetProperty("result").GetProperty("value");
    }

    /// <summary>A PNG of the whole page, at <paramref name="width"/> CSS pixels.</summary>
    public async Task<byte[]> ScreenshotAsync(int width)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        double height = metrics.GetProperty("cssContentSize").GetProperty("height").GetDouble();
        var shot = await SendAsync("Page.captureScreenshot", new
        {
            format = "png",
            captureBeyondViewport = true,
            clip = new { x = 0, y = 0, width, height, scale = 1 },
        });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    private async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        if (await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(60))) != reply.Task)
            Assert.Fail($"Chromium did not answer {method} within 60 s.");
        return await reply.Task;
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult part;
            try
            {
                part = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                return;
            }
            if (part.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage) continue;
            using (var doc = JsonDocument.Parse(message.ToArray()))
                Handle(doc.RootElement);
            message.SetLength(0);
        }
    }

    private void Handle(JsonElement msg)
    {
        if (msg.TryGetProperty("id", out var id))
        {
            if (_pending.TryRemove(id.GetInt32(), out var reply))
            {
                if (msg.TryGetProperty("error", out var error)) reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                else reply.TrySetResult(msg.GetProperty("result").Clone());
            }
            return;
        }
        string method = msg.GetProperty("method").GetString()!;
        var p = msg.GetProperty("params");
        lock (Errors)
        {
            switch (method)
            {
                case "Page.loadEventFired":
                    _loaded.TrySetResult();
                    break;
                case "Runtime.exceptionThrown":
                    Errors.Add("exception: " + p.GetProperty("exceptionDetails"));
                    break;
                case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                    Errors.Add("console.error: " + p.GetProperty("args"));
                    break;
                case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                    Errors.Add("log: " + p.GetProperty("entry").GetProperty("text").GetString());
                    break;
                case "Network.requestWillBeSent":
                    RequestedUrls.Add(p.GetProperty("request").GetProperty("url").GetString()!);
                    break;
                case "Network.loadingFailed":
                    Errors.Add("network: " + p.GetProperty("errorText").GetString());
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException) { }
        _stop.Cancel();
        try { await _reader; } catch (OperationCanceledException) { }
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _socket.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
