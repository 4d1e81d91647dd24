using BenchmarkDotNet.Running;
using Inertia.Benchmarks.Peer;

if (args is ["peer"])
    return PeerMode.Run();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
