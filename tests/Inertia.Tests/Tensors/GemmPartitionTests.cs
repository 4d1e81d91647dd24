using Inertia.Tensors;

namespace Inertia.Tests.Tensors;

public class GemmPartitionTests
{
    [Theory]
    [InlineData(10, 22)] // n = 300 (32-wide panels), m = 256 (12-row panels): the MLP's first layer
    [InlineData(10, 66)] // n = 300, m = 784
    [InlineData(25, 22)] // n = 784, m = 256
    [InlineData(4, 22)]  // n = 100
    [InlineData(1, 22)]  // n = 10
    [InlineData(16, 43)] // 512²
    [InlineData(32, 86)] // 1024²
    public void Two_threads_share_the_kernel_calls_within_half_an_item_of_even(int bPanels, int panels)
    {
        int minimumStrips = (bPanels + 7) / 8;
        var (strips, bands) = GemmPartition.Plan(bPanels, panels, minimumStrips, threads: 2);

        long busiest = GemmPartition.Makespan(bPanels, strips, panels, bands, threads: 2);
        long total = (long)bPanels * panels;
        long largestItem = (long)((bPanels + strips - 1) / strips) * ((panels + bands - 1) / bands);
        Assert.True(strips >= minimumStrips && strips <= bPanels && bands >= 1 && bands <= panels,
            $"strips {strips}, bands {bands}");
        Assert.True(busiest <= (total + 1) / 2 + largestItem / 2,
            $"busiest thread {busiest} of {total} kernel calls (strips {strips}, bands {bands})");
    }

    [Fact]
    public void Ten_panels_are_cut_evenly_rather_than_two_three_two_three()
    {
        var (strips, bands) = GemmPartition.Plan(bPanels: 10, panels: 22, minimumStrips: 2, threads: 2);

        Assert.Equal(10L * 22 / 2, GemmPartition.Makespan(10, strips, 22, bands, threads: 2));
    }

    [Fact]
    public void A_cached_plan_is_the_plan_of_its_own_inputs_even_after_others_were_evicted()
    {
        var cache = new GemmPlanCache();
        // 40 distinct inputs, more than the cache holds, asked for twice in the same order.
        for (int round = 0; round < 2; round++)
            for (int bPanels = 1; bPanels <= 20; bPanels++)
                foreach (int panels in new[] { 6, 131 })
                    Assert.Equal(GemmPartition.Plan(bPanels, panels, (bPanels + 15) / 16, 2),
                        cache.Plan(bPanels, panels, (bPanels + 15) / 16, 2));
        Assert.Equal(GemmPartition.Plan(19, 131, 2, 3), cache.Plan(19, 131, 2, 3));
    }

    [Theory]
    [InlineData(7, 43)]   // n = 100 (16-wide panels), m = 256 (6-row panels)
    [InlineData(7, 50)]   // n = 100, m = 300
    [InlineData(19, 131)] // n = 300, m = 784
    [InlineData(19, 43)]  // n = 300, m = 256
    public void Column_panels_that_two_threads_cannot_share_evenly_are_evened_out_by_cutting_the_rows(int bPanels, int panels)
    {
        var (strips, bands) = GemmPartition.Plan(bPanels, panels, (bPanels + 15) / 16, threads: 2);

        long busiest = GemmPartition.Makespan(bPanels, strips, panels, bands, threads: 2);
        long even = ((long)bPanels * panels + 1) / 2;
        Assert.True(busiest * 100 <= even * 103, $"busiest thread {busiest}, even {even} (strips {strips}, bands {bands})");
    }

    [Fact]
    public void Six_row_panels_are_not_cut_into_bands_that_would_pack_B_twice()
    {
        // m = 32 with n = 784: 49 column panels are enough to share; two bands of three row
        // panels would each pack all of B.
        var (_, bands) = GemmPartition.Plan(bPanels: 49, panels: 6, minimumStrips: 4, threads: 2);

        Assert.Equal(1, bands);
    }
}
