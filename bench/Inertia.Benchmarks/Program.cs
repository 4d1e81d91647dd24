using BenchmarkDotNet.Running;
using Inertia.Benchmarks.Peer;

if (args is ["peer", .. var groups])
    return PeerMode.Run(groups);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
