using System.Text.Json;
using Inertia.Cli.Report;

namespace Inertia.Cli.Tests;

public class ReportInBrowserTests
{
    [Fact]
    public async Task The_report_renders_in_headless_Chromium_with_every_image_and_one_row_per_optimizer()
    {
        using var dir = new TempDirectory();
        string[] optimizers = ["sgd", "momentum", "adam"];
        var r = CliRunner.Run("compare", "--samples", "300", "--epochs", "2", "--optimizers", string.Join(',', optimizers), "--quiet", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);
        string index = dir.File(ReportWriter.IndexFile);

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(index).AbsoluteUri, 1320, 1000);
        var page = await chromium.EvaluateAsync("""
            (async () => {
              const images = [...document.images];
              await Promise.all(images.map(i => i.decode().then(() => true, () => false)));
              return {
                images: images.map(i => ({ alt: i.alt, ok: i.complete && i.naturalWidth > 0 && i.naturalHeight > 0 })),
                rows: [...document.querySelectorAll('table.results tbody tr')].map(tr => tr.dataset.optimizer),
                title: document.title,
                width: document.documentElement.scrollWidth,
              };
            })()
            """);
        byte[] png = await chromium.ScreenshotAsync(1320);
        string shot = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        File.WriteAllBytes(shot, png);

        Assert.Empty(chromium.Errors);
        Assert.All(chromium.RequestedUrls, u => Assert.True(u.StartsWith("file:", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal), $"the report fetched {u}"));
        Assert.Equal("Inertia optimizer race", page.GetProperty("title").GetString());
        Assert.Equal(optimizers, page.GetProperty("rows").EnumerateArray().Select(e => e.GetString()));
        var images = page.GetProperty("images").EnumerateArray().ToList();
        // 4 learning curves, 4 trajectory plots, and one sample image per class.
        Assert.Equal(4 + 4 + 10, images.Count);
        Assert.All(images, i => Assert.True(i.GetProperty("ok").GetBoolean(), $"image '{i.GetProperty("alt").GetString()}' did not load"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 50_000, $"the screenshot is only {png.Length} bytes: the page looks empty");
    }
}
