using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;

namespace CriterionCheck.Verification;

/// <summary>
/// A model's checked verdict: the engine's result, whose satisfied and violated verdicts stand only on
/// the kernel's proofs, and the kernel's result for the evidence (every group's certificate together
/// with the check that the groups cover the model and are closed under shared parameters, or the
/// witness).
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Result">The engine's result.</param>
/// <param name="Verdict">The verdict that stands.</param>
/// <param name="Kernel">The kernel's check of the certificate or the witness; null when undecided.</param>
/// <param name="Reason">Why the verdict is undecided, or null.</param>
public sealed record ModelCheck(Model Model, CriterionResult Result, Verdict Verdict, KernelResult? Kernel, string? Reason)
{
    /// <summary>True when the kernel accepted the evidence the verdict stands on.</summary>
    public bool KernelAccepted => Kernel is { Accepted: true };

    /// <summary>What the kernel objected to.</summary>
    public ImmutableArray<string> KernelProblems => Kernel?.Problems ?? [];

    /// <summary>Runs the engine on <paramref name="model"/>; its verdict comes with the kernel's proofs.</summary>
    public static ModelCheck Run(Model model)
    {
        var result = CriterionEngine.Solve(model);
        switch (result.Verdict)
        {
            case Verdict.Satisfied:
            {
                // The groups were proved one by one; the whole certificate must also cover the model.
                var structure = CertificateKernel.StructureProblems(model, result.Certificate!);
                var kernel = result.Groups.Select(g => g.Kernel!).Aggregate((a, b) => a.And(b));
                if (structure.Count > 0) kernel = KernelResult.Rejected(structure);
                return kernel.Accepted
                    ? new ModelCheck(model, result, Verdict.Satisfied, kernel, null)
                    : new ModelCheck(model, result, Verdict.Undecided, kernel, "the kernel rejected the certificate: " + string.Join("; ", kernel.Problems.Take(3)));
            }
            case Verdict.Violated:
                return new ModelCheck(model, result, Verdict.Violated, result.Groups.First(g => g.Witness is not null).Kernel, null);
            default:
                return new ModelCheck(model, result, Verdict.Undecided, null,
                    string.Join("; ", result.Groups.Where(g => g.Certificate is null && g.Witness is null).Select(g => $"{string.Join(", ", g.Factors)}: {g.Reason}")));
        }
    }

    /// <summary>True when the verdict is the one the spec's <c>expect</c> claims, or the spec makes no claim.</summary>
    public bool AsExpected => Model.ExpectSatisfied is not { } claim || Verdict == (claim ? Verdict.Satisfied : Verdict.Violated);
}
