using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Presentation;

/// <summary>One coefficient of α or β as a report shows it: β[key] = value.</summary>
/// <param name="Key">The parameter element (an index template for every size).</param>
/// <param name="Value">The coefficient, as the certificate has it.</param>
/// <param name="Display">The paper's form of the value, written with <see cref="Abbreviation"/>; null when the value is shown as it is.</param>
/// <param name="Abbreviation">The symbol <see cref="Display"/> abbreviates with (H[pi]), or null.</param>
/// <param name="Meaning">What the abbreviation stands for, as the paper writes it, or null.</param>
public sealed record CoefficientView(Expr Key, Expr Value, Expr? Display = null, Symbol? Abbreviation = null, Expr? Meaning = null)
{
    /// <summary>What a report prints on the right-hand side.</summary>
    public Expr Shown => Display ?? Value;
}
