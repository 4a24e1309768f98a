using System.Text;
using CriterionCheck.Families;
using CriterionCheck.Models;

namespace CriterionCheck.Cli.Reports;

/// <summary>The text form of <c>show</c>: what the spec says, as the engine understood it.</summary>
public static class ModelTextReport
{
    /// <summary>Factors with more elements than this show the first ones and a count of the rest.</summary>
    public const int ElementsShown = 12;

    /// <summary>Natural-parameter tuples longer than this are listed one per line.</summary>
    public const int LineWidth = 100;

    /// <summary>The report for <paramref name="model"/>.</summary>
    public static string Render(Model model)
    {
        var s = new StringBuilder();
        s.Append($"model       {model.Title}\n");
        s.Append($"file        {model.SourceName}\n");
        s.Append($"dims        {(model.Dimensions.IsEmpty ? "none" : string.Join(", ", model.Dimensions))}\n");
        s.Append($"expect      {model.Claim}\n");

        s.Append("\nparameters\n");
        var width = model.Parameters.Max(p => p.Declaration.Length);
        foreach (var p in model.Parameters)
        {
            var count = p.FreeElements.Length;
            var free = count == p.Indices.Length ? "" : $" ({p.Indices.Length} entries)";
            s.Append($"  {p.Declaration.PadRight(width)}  {p.Domain.Keyword(),-8}  {count} free element{(count == 1 ? "" : "s")}{free}\n");
        }

        if (!model.Functions.IsEmpty)
        {
            s.Append("\nopaque functions\n");
            foreach (var f in model.Functions)
                s.Append($"  {f.Signature}{(f.HasBody ? "  (concrete body for numeric checks)" : "")}\n");
        }

        foreach (var definition in model.Families)
        {
            var f = definition.Instantiate([.. definition.Signature.Select(_ => 1)]);
            s.Append($"\nfamily {definition.Usage}, declared in the spec\n");
            AppendFamily(s, f, "  ");
        }

        s.Append("\nfactors, in dependency order\n");
        foreach (var factor in model.Factors)
        {
            s.Append($"  {factor.Declaration} ~ {factor.Distribution}    ({Role(factor.Role)}, line {factor.Line})\n");
            s.Append($"    parents      {(factor.Parents.IsEmpty ? "none" : string.Join(", ", factor.Parents))}\n");
            s.Append($"    parameters   {(factor.Parameters.IsEmpty ? "none" : string.Join(", ", factor.Parameters))}\n");
            s.Append($"    family       {factor.Family.Name}, support {factor.Family.Support.Keyword}, " +
                     $"{(factor.Family.HasConstantBaseMeasure ? "constant base measure" : "non-constant base measure (Theorem 2)")}\n");
            s.Append("    natural parameters\n");
            var labels = factor.Elements.Select(e => e.Label(factor.Variable)).ToList();
            var labelWidth = labels.Take(ElementsShown).Max(l => l.Length);
            foreach (var (element, label) in factor.Elements.Zip(labels).Take(ElementsShown))
            {
                var etas = element.NaturalParameters.Select(e => e.ToString()).ToList();
                var line = Tuple(etas);
                if (line.Length <= LineWidth) s.Append($"      {label.PadRight(labelWidth)}  {line}\n");
                else
                {
                    // Long natural parameters (a full covariance) read better one per line.
                    s.Append($"      {label}\n");
                    for (var k = 0; k < etas.Count; k++) s.Append($"        eta[{k + 1}] = {etas[k]}\n");
                }
            }
            if (factor.Elements.Length > ElementsShown)
                s.Append($"      … and {factor.Elements.Length - ElementsShown} more elements (--json lists all)\n");
        }

        var tied = model.TiedParameters;
        s.Append($"\ntied parameters  {(tied.IsEmpty ? "none" : string.Join(", ", tied) + " (used by more than one factor)")}\n");
        return s.ToString();
    }

    private static void AppendFamily(StringBuilder s, ExponentialFamily f, string indent)
    {
        s.Append($"{indent}support        {f.Support.Keyword}\n");
        s.Append($"{indent}natural        {Tuple(f.NaturalMap.Select(e => e.ToString()))}\n");
        s.Append($"{indent}statistics     {Tuple(f.Statistics.Select(e => e.ToString()))}\n");
        s.Append($"{indent}log-partition  {f.LogPartition}\n");
        s.Append($"{indent}log h(x)       {f.LogBaseMeasure}\n");
        s.Append($"{indent}{(f.Entropy is null ? "pseudo-entropy " : "entropy        ")}{f.Entropy ?? f.PseudoEntropy}\n");
    }

    private static string Tuple(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? list[0] : $"({string.Join(", ", list)})";
    }

    /// <summary>The role's name in reports and JSON.</summary>
    public static string Role(FactorRole role) => role switch
    {
        FactorRole.Prior => "prior",
        FactorRole.Latent => "latent",
        _ => "observable",
    };
}
