using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;

namespace CriterionCheck.Verification;

/// <summary>
/// A model's checked verdict: the engine's result, and the kernel's re-check of its certificate or
/// witnesses. A verdict stands only when the kernel accepts it; otherwise it is reported as undecided,
/// with the kernel's objections as the reason (DESIGN §4).
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Result">The engine's result.</param>
/// <param name="Verdict">The verdict that stands.</param>
/// <param name="Kernel">The kernel's re-check of the certificate or the witnesses; null when there was nothing to check.</param>
/// <param name="Reason">Why the verdict is undecided, or null.</param>
public sealed record ModelCheck(Model Model, CriterionResult Result, Verdict Verdict, KernelResult? Kernel, string? Reason)
{
    /// <summary>True when the kernel accepted the engine's evidence.</summary>
    public bool KernelAccepted => Kernel is { Accepted: true };

    /// <summary>What the kernel objected to.</summary>
    public ImmutableArray<string> KernelProblems => Kernel?.Problems ?? [];

    /// <summary>Runs the engine on <paramref name="model"/> and the kernel on its evidence.</summary>
    public static ModelCheck Run(Model model)
    {
        var result = CriterionEngine.Solve(model);
        KernelResult? kernel = result.Verdict switch
        {
            Verdict.Satisfied => CertificateKernel.Check(model, result.Certificate!),
            Verdict.Violated => Combine(result.Groups.Select(g => g.Witness).OfType<Witness>().Select(w => CertificateKernel.Check(model, w))),
            _ => null,
        };
        if (kernel is null)
            return new ModelCheck(model, result, Verdict.Undecided, null, string.Join("; ", result.Groups.Select(g => g.Reason).OfType<string>()));
        return kernel.Accepted
            ? new ModelCheck(model, result, result.Verdict, kernel, null)
            : new ModelCheck(model, result, Verdict.Undecided, kernel, "the kernel rejected the engine's " +
                (result.Verdict == Verdict.Satisfied ? "certificate" : "witness") + ": " + string.Join("; ", kernel.Problems.Take(3)));
    }

    /// <summary>True when the verdict is the one the spec's <c>expect</c> claims.</summary>
    public bool AsExpected => Verdict == (Model.ExpectSatisfied ? Verdict.Satisfied : Verdict.Violated);

    private static KernelResult Combine(IEnumerable<KernelResult> results)
    {
        var list = results.ToList();
        return new KernelResult(list.All(r => r.Accepted), [.. list.SelectMany(r => r.Problems)], list.Sum(r => r.Proved), list.Sum(r => r.Sampled));
    }
}
