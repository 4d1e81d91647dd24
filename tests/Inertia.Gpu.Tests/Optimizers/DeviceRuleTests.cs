using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Inertia.Gpu.Optimizers;
using Inertia.Optimizers;
using Inertia.Tests.Optimizers.Custom;

namespace Inertia.Gpu.Tests.Optimizers;

/// <summary>
/// The device runs each optimizer's own rule struct: every rule (the library's and a user's)
/// compiles to PTX, and a user-defined optimizer runs on the device from the same source as on the CPU.
/// </summary>
public class DeviceRuleTests(CpuAccelerator device) : IClassFixture<CpuAccelerator>
{
    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var (rule, _) in RuleTypes()) data.Add(rule.Name);
        return data;
    }

    // The CPU accelerator runs kernels as .NET code; only a real backend shows that ILGPU accepts a
    // rule's IL (generic lanes, static abstract members, in-parameters), so this compiles for CUDA
    // without needing a GPU.
    [Theory]
    [MemberData(nameof(Rules))]
    public void The_rule_compiles_to_ptx_for_the_device_update_kernel(string ruleName)
    {
        var (rule, coefficients) = RuleTypes().Single(r => r.Rule.Name == ruleName);
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, null);
        var kernel = typeof(UpdateKernel).GetMethod(nameof(UpdateKernel.Run))!.MakeGenericMethod(rule, coefficients);

        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), KernelSpecialization.Empty);

        Assert.Contains(".entry", compiled.PTXAssembly);
    }

    [Fact]
    public void AdaBelief_defined_in_the_test_assembly_runs_on_the_device_as_on_the_cpu()
    {
        var (cpuArena, gradients) = AdaBeliefCase.Create();
        var cpu = new AdaBelief(learningRate: AdaBeliefCase.LearningRate, epsilon: AdaBeliefCase.Epsilon);
        cpu.Build(cpuArena);
        var (hostArena, _) = AdaBeliefCase.Create();
        using var arena = new GpuArena(device.Context, hostArena);
        using var gpu = new GpuOptimizer(new AdaBelief(learningRate: AdaBeliefCase.LearningRate, epsilon: AdaBeliefCase.Epsilon), arena);
        var reference = AdaBeliefCase.Reference(hostArena);

        foreach (var step in gradients)
        {
            AdaBeliefCase.SetGradients(cpuArena, step);
            AdaBeliefCase.SetGradients(hostArena, step);
            arena.UploadGradients();
            Assert.Equal(StepResult.Updated, cpu.Apply());
            Assert.Equal(StepResult.Updated, gpu.Apply());
            reference.Step(step);
        }

        arena.DownloadValues();
        AdaBeliefCase.AssertClose(reference.Weights, hostArena);
        Assert.Equal(cpuArena.Values.Span.ToArray(), hostArena.Values.Span.ToArray());
    }

    private static IEnumerable<(Type Rule, Type Coefficients)> RuleTypes()
    {
        var optimizers = typeof(Optimizer).Assembly.GetTypes().Append(typeof(AdaBelief));
        foreach (var type in optimizers)
            for (var t = type.BaseType; t is not null; t = t.BaseType)
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Optimizer<,>) && type.BaseType == t)
                    yield return (t.GetGenericArguments()[0], t.GetGenericArguments()[1]);
    }
}
