namespace Inertia.Cli.Trajectories;

/// <summary>The kinds of statement a trajectory caption makes; each names optimizers with one number apiece.</summary>
internal enum ClaimKind
{
    /// <summary>Every path, nearest to farthest, with its final distance to the nearest minimum.</summary>
    Ranking,

    /// <summary>Exactly the paths that came within the tolerance of a minimum, with the first step that did.</summary>
    Reached,

    /// <summary>Exactly the paths that crossed a minimum's level at least three times, with their crossings.</summary>
    Oscillated,

    /// <summary>Exactly the paths stopped for running away, with the steps they ran.</summary>
    Diverged,

    /// <summary>Exactly the paths cut at the plot's frame, with the first step outside it.</summary>
    LeftFrame,
}

/// <summary>
/// One statement of a caption as data: its kind and, in order, the optimizers it names and each
/// one's number. The caption's text is rendered from these, and the caption test checks them
/// against trajectories.csv.
/// </summary>
internal sealed record CaptionClaim(ClaimKind Kind, IReadOnlyList<string> Optimizers, IReadOnlyList<double> Values);
