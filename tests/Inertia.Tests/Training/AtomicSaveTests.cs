using Inertia.Data;
using Inertia.Training;
using Inertia.Training.Serialization;
using static Inertia.Tests.Training.TrainingFixtures;

namespace Inertia.Tests.Training;

public class AtomicSaveTests
{
    /// <summary>
    /// A save that dies after a random number of bytes (the in-process stand-in for a killed
    /// process) leaves the previous checkpoint intact and loadable, and no temporary file.
    /// </summary>
    [Fact]
    public void A_save_interrupted_at_any_byte_leaves_the_previous_checkpoint_intact()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "ckpt.inertia");
        var (x, y) = Regression(64, seed: 50);
        var model = RichMlp();
        model.Save(path);
        byte[] old = File.ReadAllBytes(path);
        model.Fit(x, y, epochs: 1, verbose: 0);
        var random = new SeededRandom(51);
        for (int i = 0; i < 50; i++)
        {
            long cut = random.NextInt(old.Length);
            Assert.Throws<IOException>(() => AtomicFile.Write(path, s => ModelFile.Write(model, new FailingStream(s, cut), includeOptimizer: true)));
            Assert.Equal(old, File.ReadAllBytes(path));
            Assert.Equal([path], Directory.GetFiles(dir.Path));
        }
        AssertBitwiseEqual(Weights(RichMlp()), Weights(Sequential.Load(path)));
    }

    private sealed class FailingStream(Stream inner, long failAt) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            long room = failAt - _written;
            if (room < buffer.Length)
            {
                inner.Write(buffer[..(int)Math.Max(room, 0)]);
                throw new IOException($"Simulated crash after {failAt} bytes.");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }
}
