using System.Text.Json;
using Inertia.Cli.Report;

namespace Inertia.Cli.Tests;

public class ReportInBrowserTests
{
    private static readonly string[] Chapter = ["sgd", "momentum", "nag", "adagrad", "rmsprop", "adam", "adamax", "nadam", "adamw"];

    /// <summary>
    /// Decodes every trajectory plot's SVG and reads, for each optimizer's line (its palette color,
    /// from the legend), every point against the plot's data area (the clip rectangle around it).
    /// </summary>
    private const string PathsInsideFrames = """
        (() => {
          const colors = Object.fromEntries([...document.querySelectorAll('.legend .key[data-optimizer] line')]
            .map(l => [l.getAttribute('stroke').toUpperCase(), l.closest('.key').dataset.optimizer]));
          const names = [...document.querySelectorAll('.legend .key[data-optimizer]')].map(k => k.textContent.trim());
          const plots = [];
          for (const img of document.querySelectorAll('img.plot')) {
            const bytes = Uint8Array.from(atob(img.src.split(',')[1]), c => c.charCodeAt(0));
            const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
            const texts = [...svg.querySelectorAll('text')].map(t => t.textContent.trim());
            const figure = img.closest('figure[data-function]');
            const plot = { alt: img.alt, legendNames: texts.filter(t => names.includes(t)), lines: {}, outside: [] };
            if (figure) {
              for (const path of svg.querySelectorAll('path[stroke]')) {
                const optimizer = colors[path.getAttribute('stroke').toUpperCase()];
                if (!optimizer || path.getAttribute('fill') !== 'none') continue;
                const g = path.closest('g[clip-path]');
                const id = g && g.getAttribute('clip-path').match(/#([^)]+)/)[1];
                const rect = id && svg.getElementById(id).querySelector('rect');
                if (!rect) { plot.outside.push(optimizer + ': not clipped to a data area'); continue; }
                const [x, y, w, h] = ['x', 'y', 'width', 'height'].map(a => parseFloat(rect.getAttribute(a)));
                const nums = (path.getAttribute('d').match(/-?[\d.]+(e-?\d+)?/gi) || []).map(Number);
                plot.lines[optimizer] = (plot.lines[optimizer] || 0) + nums.length / 2;
                for (let i = 0; i + 1 < nums.length; i += 2)
                  if (nums[i] < x - 0.5 || nums[i] > x + w + 0.5 || nums[i + 1] < y - 0.5 || nums[i + 1] > y + h + 0.5) {
                    plot.outside.push(`${optimizer} point (${nums[i]}, ${nums[i + 1]}) outside [${x}, ${x + w}] x [${y}, ${y + h}]`);
                    break;
                  }
              }
            }
            plots.push(plot);
          }
          return { legends: document.querySelectorAll('.legend').length, keys: Object.values(colors), plots };
        })()
        """;

    private const string Overflow = """
        (() => {
          const table = document.querySelector('table.results').getBoundingClientRect();
          return { viewport: window.innerWidth, page: document.documentElement.scrollWidth, tableRight: table.right, tableLeft: table.left };
        })()
        """;

    [Fact]
    public async Task The_report_renders_in_headless_Chromium_with_every_image_and_one_row_per_optimizer()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("compare", "--samples", "300", "--epochs", "2", "--quiet", "--out", dir.Path);
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
              };
            })()
            """);
        byte[] png = await chromium.ScreenshotAsync(1320);
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "report-screenshot.png"), png);

        Assert.Empty(chromium.Errors);
        Assert.All(chromium.RequestedUrls, u => Assert.True(u.StartsWith("file:", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal), $"the report fetched {u}"));
        Assert.Equal("Inertia optimizer race", page.GetProperty("title").GetString());
        Assert.Equal(Chapter, page.GetProperty("rows").EnumerateArray().Select(e => e.GetString()));
        var images = page.GetProperty("images").EnumerateArray().ToList();
        // 4 learning curves, 4 trajectory plots, and one sample image per class.
        Assert.Equal(4 + 4 + 10, images.Count);
        Assert.All(images, i => Assert.True(i.GetProperty("ok").GetBoolean(), $"image '{i.GetProperty("alt").GetString()}' did not load"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 50_000, $"the screenshot is only {png.Length} bytes: the page looks empty");
    }

    [Fact]
    public async Task Every_path_stays_inside_its_frame_under_one_legend_and_the_page_fits_800_and_390_pixels()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("compare", "--samples", "300", "--epochs", "2", "--quiet", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.Error);
        string url = new Uri(dir.File(ReportWriter.IndexFile)).AbsoluteUri;

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(url, 1320, 1000);
        var plots = await chromium.EvaluateAsync(PathsInsideFrames);
        Assert.Equal(1, plots.GetProperty("legends").GetInt32());
        Assert.Equal(Chapter.Order(), plots.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).Order());
        var all = plots.GetProperty("plots").EnumerateArray().ToList();
        Assert.Equal(8, all.Count);
        foreach (var plot in all)
        {
            string alt = plot.GetProperty("alt").GetString()!;
            Assert.True(plot.GetProperty("legendNames").GetArrayLength() == 0, $"'{alt}' has its own legend: {plot.GetProperty("legendNames")}");
            Assert.True(plot.GetProperty("outside").GetArrayLength() == 0, $"'{alt}': {plot.GetProperty("outside")}");
        }
        var trajectoryPlots = all.Where(p => p.GetProperty("alt").GetString()!.StartsWith("Optimizer paths", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, trajectoryPlots.Count);
        // The check read every optimizer's line in every trajectory plot, so it cannot pass by finding none.
        Assert.All(trajectoryPlots, p => Assert.Equal(Chapter.Order(), p.GetProperty("lines").EnumerateObject().Select(l => l.Name).Order()));

        foreach (int width in new[] { 800, 390 })
        {
            await chromium.NavigateAsync(url, width, 900);
            var fit = await chromium.EvaluateAsync(Overflow);
            File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, $"report-screenshot-{width}.png"), await chromium.ScreenshotAsync(width));
            int viewport = fit.GetProperty("viewport").GetInt32();
            Assert.Equal(width, viewport);
            Assert.True(fit.GetProperty("page").GetDouble() <= viewport, $"at {width} px the page is {fit.GetProperty("page")} px wide");
            Assert.True(fit.GetProperty("tableRight").GetDouble() <= viewport && fit.GetProperty("tableLeft").GetDouble() >= 0, $"at {width} px the results table spans {fit}");
        }
        Assert.Empty(chromium.Errors);
    }
}
