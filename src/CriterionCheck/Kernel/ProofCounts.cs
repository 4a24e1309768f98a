namespace CriterionCheck.Kernel;

/// <summary>Counts of proved identities by <see cref="ProofMethod"/>.</summary>
/// <param name="Structural">Canonically zero as built.</param>
/// <param name="NormalForm">Zero numerator of the normal form.</param>
/// <param name="BinaryReduction">Zero after reduction modulo z² = z.</param>
/// <param name="Enumerated">Zero at every enumerated value of the finite latents.</param>
/// <param name="InverseReduction">Zero after reduction modulo Σ⁻¹Σ = I.</param>
/// <param name="Cases">Latent assignments enumerated in all.</param>
public sealed record ProofCounts(int Structural, int NormalForm, int BinaryReduction, int Enumerated, long Cases, int InverseReduction = 0)
{
    /// <summary>Nothing proved.</summary>
    public static readonly ProofCounts None = new(0, 0, 0, 0, 0);

    /// <summary>All proved identities.</summary>
    public int Total => Structural + NormalForm + BinaryReduction + Enumerated + InverseReduction;

    /// <summary>One more identity proved by <paramref name="method"/> (over <paramref name="cases"/> assignments).</summary>
    public ProofCounts With(ProofMethod method, long cases) => method switch
    {
        ProofMethod.Structural => this with { Structural = Structural + 1 },
        ProofMethod.NormalForm => this with { NormalForm = NormalForm + 1 },
        ProofMethod.BinaryReduction => this with { BinaryReduction = BinaryReduction + 1 },
        ProofMethod.InverseReduction => this with { InverseReduction = InverseReduction + 1 },
        _ => this with { Enumerated = Enumerated + 1, Cases = Cases + cases },
    };

    /// <summary>The sum of two counts.</summary>
    public static ProofCounts operator +(ProofCounts a, ProofCounts b) =>
        new(a.Structural + b.Structural, a.NormalForm + b.NormalForm, a.BinaryReduction + b.BinaryReduction, a.Enumerated + b.Enumerated, a.Cases + b.Cases, a.InverseReduction + b.InverseReduction);

    /// <summary>"12 identities proved: 4 as built, 6 by normal form, 2 modulo z² = z"; empty parts left out.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Structural > 0) parts.Add($"{Structural} canonically");
        if (NormalForm > 0) parts.Add($"{NormalForm} by normal form");
        if (BinaryReduction > 0) parts.Add($"{BinaryReduction} modulo z² = z");
        if (InverseReduction > 0) parts.Add($"{InverseReduction} modulo Σ⁻¹Σ = I");
        if (Enumerated > 0) parts.Add($"{Enumerated} by enumerating {Cases} latent assignment{(Cases == 1 ? "" : "s")}");
        return $"{Total} identit{(Total == 1 ? "y" : "ies")} proved{(parts.Count == 0 ? "" : ": " + string.Join(", ", parts))}";
    }
}
