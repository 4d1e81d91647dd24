using System.Text;
using Inertia.Cli.Options;

namespace Inertia.Cli.Commands;

/// <summary>The texts of <c>inertia --help</c> and <c>inertia COMMAND --help</c>.</summary>
internal static class HelpText
{
    public const string Root = """
        inertia: race neural-network optimizers and show why they differ.

        Usage: inertia [COMMAND] [OPTIONS]

        Commands:
          compare    race optimizers on the same model, weights and batches; print the table, write an HTML report (default)
          train      train one model with one optimizer (and schedule) and save it
          evaluate   load a saved model and report its metrics on data
          export     write a saved model as ONNX (for ONNX Runtime, ML.NET)
          help       show help for a command: inertia help compare

        Options:
          --help       show this help
          --version    show the version

        Examples:
          inertia compare                                        the chapter's race on built-in data (under 2 minutes)
          inertia compare --data ../shared/data/mnist --optimizers sgd,momentum,adam --epochs 10
          inertia train --data ../shared/data/mnist --optimizer adamw --set weight_decay=0.01 --output mnist.inertia
          inertia evaluate --model mnist.inertia --data ../shared/data/mnist
          inertia export --model mnist.inertia --onnx mnist.onnx

        Exit codes: 0 done, 1 unexpected failure, 2 bad command line, 3 unreadable data or model file,
        4 the requested device (--device cuda) is unusable or cannot train the model,
        130 stopped by Ctrl-C, 143 by SIGTERM (the report or model for what finished is still written;
        if nothing finished, the previous one is left as it was).
        Outputs: an existing --output must be a regular file and an existing --out a folder holding only
        an earlier report; devices, FIFOs and symbolic links are never replaced (exit 2).
        Inputs must be regular files no larger than the caps INERTIA_MAX_CSV_BYTES (default 1 GiB),
        INERTIA_MAX_JSON_BYTES (1 MiB, --config and --schedule) and INERTIA_MAX_MODEL_BYTES (2 GiB).
        Errors are one line on stderr; set INERTIA_DEBUG=1 for the full exception.
        """;

    private const string CompareIntro = """
        inertia compare: the optimizer race of Géron's "Hands-On Machine Learning", section 11.3, measured.

        Trains the same MLP once per optimizer: every optimizer starts from the same initial weights and
        sees the same batches in the same order, so only the optimizer differs. Prints a table (epochs and
        seconds to the target accuracy, area under the validation-loss curve, best and final validation
        accuracy and loss, optimizer state per parameter, measured speed and quality stars next to the
        book's) and writes a self-contained report: index.html with learning curves and trajectories on
        2-D test functions, results.json, curves.csv and trajectories.csv.

        Defaults are the chapter's: SGD(0.01); momentum SGD(0.001, 0.9); NAG the same with nesterov;
        Adagrad(0.001); RMSprop(0.001, rho 0.9); Adam(0.001, 0.9, 0.999); Adamax, Nadam, AdamW(0.001);
        Flatten -> Dense(300, relu, he_normal) -> Dense(100, relu, he_normal) -> Dense(10, softmax);
        sparse categorical cross-entropy; batch 32; 5 epochs.

        Usage: inertia compare [OPTIONS]
        """;

    private const string CompareExamples = """
        Examples:
          inertia compare
          inertia compare --data ../shared/data/mnist                      (one pair: first 80% train, last 20% validate)
          inertia compare --data ../shared/data/fashion-mnist --epochs 10 --seeds 3 --target-accuracy 0.85
          inertia compare --optimizers momentum,nag --set momentum.learning_rate=0.01 --set nag.learning_rate=0.01
          inertia compare --csv ../shared/data/iris/iris.csv --label 4 --shuffle-split --model 4-16-3 --batch-size 8 --epochs 50
          inertia compare --model 784-100-100-100-10 --activation selu --initializer lecun_normal
          inertia compare --config race.json --out reports/race1
              race.json: {"epochs": 10, "optimizers": ["sgd", "adam"], "set": {"adam": {"learning_rate": 3e-4}}}
        """;

    private const string TrainIntro = """
        inertia train: train one model with one optimizer (and optionally a learning-rate schedule) and save
        it (architecture, weights and optimizer state in one file, written atomically).

        Usage: inertia train [OPTIONS]
        """;

    private const string TrainExamples = """
        Examples:
          inertia train --data ../shared/data/mnist --optimizer nadam --epochs 10 --output mnist.inertia
          inertia train --optimizer sgd --set learning_rate=0.05 --set momentum=0.9 --set nesterov=true
          inertia train --optimizer sgd --schedule '{"class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.05, "decay_steps": 1000, "decay_rate": 0.5}}'
          mpiexec.mpich -n 4 inertia train --data ../shared/data/mnist --zero     # data-parallel on 4 ranks, optimizer state sharded
        """;

    private const string EvaluateIntro = """
        inertia evaluate: load a model saved by inertia train and report its loss, accuracy and per-class
        accuracy on the validation part of the data (the t10k pair when there is one, else the last
        --validation-split of the single pair or CSV, or of the built-in set).

        Usage: inertia evaluate [OPTIONS]
        """;

    private const string EvaluateExamples = """
        Examples:
          inertia evaluate --model mnist.inertia --data ../shared/data/mnist
          inertia evaluate --model shapes.inertia
        """;

    private const string ExportIntro = """
        inertia export: write a model saved by inertia train as ONNX (opset 17), in inference form: batch
        normalization with its moving statistics, dropout as the identity. The file has one float input
        'input' of shape (batch, sample shape) and one output 'output'; ONNX Runtime and ML.NET run it.
        An existing regular file is replaced atomically; a directory, device, pipe or link is refused.

        Usage: inertia export [OPTIONS]
        """;

    private const string ExportExamples = """
        Examples:
          inertia export --model mnist.inertia --onnx mnist.onnx
          inertia export --model shapes.inertia                     writes shapes.onnx
        """;

    public static string Export => Format(ExportIntro, ExportOptions.Specs, ExportExamples);

    public static string Compare => Format(CompareIntro, CompareOptions.Specs, CompareExamples);

    public static string Train => Format(TrainIntro, TrainOptions.Specs, TrainExamples);

    public static string Evaluate => Format(EvaluateIntro, EvaluateOptions.Specs, EvaluateExamples);

    private static string Format(string intro, IReadOnlyList<OptionSpec> specs, string examples)
    {
        var sb = new StringBuilder(intro).Append("\n\nOptions:\n");
        int width = specs.Max(s => Left(s).Length) + 2;
        foreach (var s in specs)
            sb.Append("  ").Append(Left(s).PadRight(width)).Append(s.Help).Append('\n');
        return sb.Append('\n').Append(examples).ToString();
    }

    private static string Left(OptionSpec s) => s.TakesValue ? $"--{s.Name} {s.ValueName}" : $"--{s.Name}";
}
