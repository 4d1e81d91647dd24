using System.Text.Json;
using Inertia.Cli.Race;
using Inertia.Cli.Ratings;
using Inertia.Cli.Trajectories;

namespace Inertia.Cli.Report;

/// <summary>Writes results.json: the configuration and every number behind the table and the plots.</summary>
internal static class ResultsJson
{
    public static void Write(Stream stream, RaceResult race)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("inertiaVersion", race.Machine.InertiaVersion);
        w.WriteString("started", race.Started);
        Number(w, "seconds", race.Seconds);
        w.WriteBoolean("cancelled", race.Cancelled);
        w.WriteString("commandLine", race.CommandLine);
        WriteConfiguration(w, race);
        WriteData(w, race.Data);
        WriteMachine(w, race.Machine);
        w.WriteString("ratingRule", RatingRule.Description);
        w.WriteStartArray("optimizers");
        foreach (var s in race.Summaries) WriteSummary(w, s);
        w.WriteEndArray();
        w.WriteStartArray("trajectories");
        foreach (var set in race.Trajectories) WriteTrajectories(w, TrajectoryCaption.Of(set));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTrajectories(Utf8JsonWriter w, TrajectoryCaption caption)
    {
        var set = caption.Set;
        w.WriteStartObject();
        w.WriteString("function", set.Function.Name);
        w.WriteString("formula", set.Function.Formula);
        Number(w, "learningRate", set.Function.LearningRate);
        w.WriteNumber("steps", set.Function.Steps);
        Point(w, "start", set.Function.Start);
        w.WriteStartArray("minima");
        foreach (var m in set.Function.Minima) Point(w, null, m);
        w.WriteEndArray();
        w.WriteStartObject("frame");
        Number(w, "xMin", caption.Frame.XMin);
        Number(w, "xMax", caption.Frame.XMax);
        Number(w, "yMin", caption.Frame.YMin);
        Number(w, "yMax", caption.Frame.YMax);
        w.WriteEndObject();
        // The caption as data: the definitions its numbers use, then each claim; the text is rendered from these.
        w.WriteStartObject("caption");
        w.WriteString("text", caption.Text);
        Number(w, "tolerance", PathMeasures.Tolerance);
        Number(w, "crossingThreshold", PathMeasures.CrossingThreshold);
        w.WriteNumber("oscillationCrossings", PathMeasures.OscillationCrossings);
        w.WriteStartArray("claims");
        foreach (var claim in caption.Claims)
        {
            w.WriteStartObject();
            w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(claim.Kind.ToString()));
            w.WriteStartArray("optimizers");
            foreach (string o in claim.Optimizers) w.WriteStringValue(o);
            w.WriteEndArray();
            w.WriteStartArray("values");
            foreach (double v in claim.Values) NumberValue(w, v);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("paths");
        foreach (var p in set.Paths)
        {
            w.WriteStartObject();
            w.WriteString("optimizer", p.Optimizer);
            w.WriteBoolean("diverged", p.Diverged);
            Number(w, "finalValue", set.Function.Value(p.End.X, p.End.Y));
            w.WriteStartArray("points");
            foreach (var pt in p.Points) Point(w, null, pt);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteConfiguration(Utf8JsonWriter w, RaceResult race)
    {
        var o = race.Options;
        w.WriteStartObject("configuration");
        w.WriteString("data", o.Data.Describe());
        Number(w, "validationSplit", o.Data.ValidationSplit);
        w.WriteBoolean("shuffleSplit", o.Data.ShuffleSplit);
        w.WriteStartObject("model");
        w.WriteStartArray("widths");
        foreach (int width in race.Model.Widths) w.WriteNumberValue(width);
        w.WriteEndArray();
        w.WriteString("activation", race.Model.Activation);
        w.WriteString("initializer", race.Model.Initializer);
        w.WriteBoolean("batchNormalization", race.Model.BatchNormalization);
        w.WriteString("loss", "sparse_categorical_crossentropy");
        w.WriteEndObject();
        w.WriteNumber("epochs", o.Epochs);
        w.WriteNumber("batchSize", o.BatchSize);
        w.WriteStartArray("seeds");
        for (int k = 0; k < o.Seeds; k++) w.WriteNumberValue(o.Seed + (ulong)k);
        w.WriteEndArray();
        Number(w, "targetAccuracy", o.TargetAccuracy);
        w.WriteNumber("threads", race.Machine.Threads);
        w.WriteStartObject("optimizers");
        foreach (string name in o.Optimizers)
        {
            w.WriteStartObject(name);
            foreach (var kv in RaceSettings.AsText(o.Settings[name])) w.WriteString(kv.Key, kv.Value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter w, DataSummary d)
    {
        w.WriteStartObject("data");
        w.WriteString("description", d.Description);
        w.WriteNumber("train", d.TrainCount);
        w.WriteNumber("validation", d.ValidationCount);
        w.WriteStartArray("sampleShape");
        foreach (int s in d.SampleShape) w.WriteNumberValue(s);
        w.WriteEndArray();
        w.WriteNumber("classes", d.ClassCount);
        w.WriteStartArray("classNames");
        foreach (string c in d.ClassNames) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("trainClassCounts");
        foreach (int c in d.TrainClassCounts) w.WriteNumberValue(c);
        w.WriteEndArray();
        w.WriteStartArray("validationClassCounts");
        foreach (int c in d.ValidationClassCounts) w.WriteNumberValue(c);
        w.WriteEndArray();
        if (d.SplitWarning is { } warning) w.WriteString("splitWarning", warning);
        w.WriteEndObject();
    }

    private static void WriteMachine(Utf8JsonWriter w, MachineInfo m)
    {
        w.WriteStartObject("machine");
        w.WriteString("os", m.Os);
        w.WriteString("runtime", m.Runtime);
        w.WriteString("cpu", m.Cpu);
        w.WriteNumber("logicalCores", m.LogicalCores);
        w.WriteNumber("threads", m.Threads);
        w.WriteString("simd", m.Simd);
        w.WriteString("trainingDevice", m.TrainingDevice);
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, OptimizerSummary s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Optimizer);
        w.WriteString("displayName", s.DisplayName);
        w.WriteStartObject("settings");
        foreach (var kv in s.Runs[0].Settings) w.WriteString(kv.Key, kv.Value);
        w.WriteEndObject();
        w.WriteNumber("seeds", s.Runs.Count);
        w.WriteNumber("reachedTarget", s.ReachedTarget);
        Stat(w, "epochsToTarget", s.EpochsToTarget);
        Stat(w, "secondsToTarget", s.SecondsToTarget);
        Stat(w, "validationLossArea", s.LossArea);
        Stat(w, "bestValidationAccuracy", s.BestAccuracy);
        Stat(w, "finalValidationAccuracy", s.FinalAccuracy);
        Stat(w, "finalValidationLoss", s.FinalLoss);
        Number(w, "stateBytesPerParameter", s.StateBytesPerParameter);
        w.WriteBoolean("diverged", s.Diverged);
        w.WriteNumber("speed", s.Speed);
        w.WriteNumber("quality", s.Quality);
        if (s.Book is null) w.WriteNull("book");
        else
        {
            w.WriteStartObject("book");
            w.WriteStartArray("speed");
            foreach (int v in s.Book.Speed) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteStartArray("quality");
            foreach (int v in s.Book.Quality) w.WriteNumberValue(v);
            w.WriteEndArray();
            if (s.Book.Note is not null) w.WriteString("note", s.Book.Note);
            w.WriteEndObject();
        }
        w.WriteBoolean("speedDisagrees", s.SpeedDisagrees);
        w.WriteBoolean("qualityDisagrees", s.QualityDisagrees);
        if (s.Explanation is null) w.WriteNull("explanation");
        else w.WriteString("explanation", s.Explanation);
        w.WriteStartArray("runs");
        foreach (var r in s.Runs)
        {
            w.WriteStartObject();
            w.WriteNumber("seed", r.Seed);
            w.WriteString("initialWeightsHash", r.InitialWeightsHash);
            w.WriteNumber("skippedSteps", r.SkippedSteps);
            w.WriteNumber("overflowedSteps", r.OverflowedSteps);
            w.WriteStartArray("epochs");
            foreach (var e in r.Epochs)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                Number(w, "seconds", e.Seconds);
                Number(w, "trainLoss", e.TrainLoss);
                Number(w, "trainAccuracy", e.TrainAccuracy);
                Number(w, "validationLoss", e.ValidationLoss);
                Number(w, "validationAccuracy", e.ValidationAccuracy);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Stat(Utf8JsonWriter w, string name, Statistic s)
    {
        w.WriteStartObject(name);
        Number(w, "mean", s.Mean);
        Number(w, "std", s.Std);
        w.WriteNumber("count", s.Count);
        w.WriteEndObject();
    }

    private static void Point(Utf8JsonWriter w, string? name, (double X, double Y) p)
    {
        if (name is null) w.WriteStartArray();
        else w.WriteStartArray(name);
        NumberValue(w, p.X);
        NumberValue(w, p.Y);
        w.WriteEndArray();
    }

    // JSON has no NaN or infinity: a value that is not finite (a diverged run) is written as null.
    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void NumberValue(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }
}
