using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Polynomials;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Kernel;

/// <summary>How an identity r ≡ 0 was proved.</summary>
public enum ProofMethod
{
    /// <summary>r is the number 0 once built canonically.</summary>
    Structural,
    /// <summary>The numerator of r's normal form (a rational function over canonical atoms) expands to 0.</summary>
    NormalForm,
    /// <summary>As <see cref="NormalForm"/>, after reducing modulo z² = z for binary latents.</summary>
    BinaryReduction,
    /// <summary>The normal form is 0 for every value of the finite latents r depends on, enumerated.</summary>
    Enumeration,
    /// <summary>As <see cref="NormalForm"/>, after reducing modulo Σ⁻¹Σ = I for inverses kept whole.</summary>
    InverseReduction,
}

/// <summary>
/// Proves that an expression in parameters and latents is identically zero on the declared parameter
/// domains and latent supports — in exact arithmetic, never by sampling:
/// <list type="bullet">
/// <item>normalise under the domains (rules that preserve the value wherever it is defined; signs come
///       from rigorous interval bounds), rewrite over exp/log, and form the rational function N/D over
///       canonical atoms (opaque function values and derivatives are atoms: arbitrary, independent
///       unknowns); r is 0 wherever defined when N is the zero polynomial;</item>
/// <item>an inverse kept whole (a multivariate normal's Σ⁻¹) is an atom; N is reduced modulo Σ⁻¹Σ = I
///       by subtracting multiples of Σ_k (Σ⁻¹)_ik Σ_kj − δ_ij, zero wherever Σ is invertible;</item>
/// <item>binary latents take only the values 0 and 1, so N is first reduced modulo z² = z (its
///       multilinear normal form, which is unique on {0, 1}ᴴ);</item>
/// <item>failing that, the binary and small bounded-count latents r depends on are enumerated (at most
///       <see cref="MaxCases"/> assignments) and each instance proved as above. Counts, positive, unit
///       and real latents stay symbols: an identity in a real symbol holds at every value of it.</item>
/// </list>
/// </summary>
public sealed class ResidualProver
{
    /// <summary>The most latent assignments enumerated for one identity.</summary>
    public const int MaxCases = 4096;

    private readonly Normalizer normalizer;
    private readonly ExpLogRewriter rewriter;
    private readonly HashSet<string> binaryNames;
    private readonly Dictionary<string, int> boundedCounts;

    /// <summary>A prover for identities over <paramref name="model"/>'s domains and supports.</summary>
    public ResidualProver(Model model) : this(model, model.Assumptions) { }

    /// <summary>
    /// A prover for identities over <paramref name="model"/>'s supports and the domains
    /// <paramref name="assumptions"/> (those of its template, for identities at every size).
    /// </summary>
    public ResidualProver(Model model, Symbolics.Domains.DomainAssumptions assumptions)
    {
        normalizer = new Normalizer(assumptions);
        rewriter = new ExpLogRewriter(assumptions);
        binaryNames = [.. model.Factors.Where(f => f.Role != FactorRole.Observable && f.Family.Support.Kind == SupportKind.Binary).Select(f => f.Variable)];
        boundedCounts = model.Factors.Where(f => f.Role != FactorRole.Observable && f.Family.Support.Kind == SupportKind.BoundedCount)
            .ToDictionary(f => f.Variable, f => f.Family.Support.Size);
    }

    // Every element of a binary latent, z[2] as much as z[h] in a template, takes only the values 0 and 1.
    private bool IsBinary(Expr e) => e is Symbol s && binaryNames.Contains(s.Name);

    // Only concrete elements can be enumerated; a template's z[h] is reduced, never enumerated.
    private bool IsFinite(Symbol s) => s.Indices.All(i => i is Number) && (binaryNames.Contains(s.Name) || boundedCounts.ContainsKey(s.Name));

    /// <summary>How <paramref name="r"/> ≡ 0 was proved, or null when it could not be.</summary>
    public ProofMethod? Prove(Expr r, out long cases)
    {
        cases = 1;
        if (r.IsZero) return ProofMethod.Structural;
        if (NormalFormIsZero(r, out var reduced, out var inverse)) return inverse ? ProofMethod.InverseReduction : reduced ? ProofMethod.BinaryReduction : ProofMethod.NormalForm;
        // Enumerate the finite latents r depends on; every instance must be proved.
        var finite = r.Symbols().Where(IsFinite).ToList();
        if (finite.Count == 0) return null;
        var sizes = finite.Select(s => binaryNames.Contains(s.Name) ? 2 : boundedCounts[s.Name] + 1).ToList();
        var total = sizes.Aggregate(1L, (a, b) => Math.Min((long)MaxCases + 1, a * b));
        if (total > MaxCases) return null;
        foreach (var values in Assignments(sizes))
        {
            Expr instance;
            try { instance = Substitution.Substitute(r, finite.Select((s, i) => (s, values[i])).ToDictionary(p => (Expr)p.s, p => (Expr)Number.Of(p.Item2))); }
            catch (SymbolicException) { return null; } // undefined at this value (log 0, 1/0): nothing is proved
            if (!NormalFormIsZero(instance, out _, out _)) return null;
        }
        cases = total;
        return ProofMethod.Enumeration;
    }

    private bool NormalFormIsZero(Expr r, out bool reduced, out bool inverse)
    {
        reduced = false;
        inverse = false;
        try
        {
            var normal = rewriter.Apply(normalizer.Apply(r));
            if (normal.IsZero) return true;
            var numerator = RationalForm.From(normal).Numerator;
            if (numerator.IsZero) return true;
            // A multivariate normal's Σ⁻¹ kept whole: reduce modulo Σ⁻¹Σ = I (sound wherever Σ is invertible).
            if (InverseContraction.Applies(numerator))
            {
                numerator = InverseContraction.Reduce(numerator);
                inverse = true;
                if (numerator.IsZero) return true;
            }
            if (binaryNames.Count == 0 || !numerator.Terms.Keys.Any(m => m.Powers.Any(p => IsBinary(p.Atom)))) return false;
            reduced = true;
            return numerator.ReduceIdempotent(IsBinary) is { IsZero: true };
        }
        catch (ExpansionLimitException) { return false; }
        catch (SymbolicException) { return false; }
    }

    private static IEnumerable<int[]> Assignments(List<int> sizes)
    {
        var values = new int[sizes.Count];
        while (true)
        {
            yield return (int[])values.Clone();
            var k = 0;
            while (k < sizes.Count && ++values[k] == sizes[k]) values[k++] = 0;
            if (k == sizes.Count) yield break;
        }
    }
}
