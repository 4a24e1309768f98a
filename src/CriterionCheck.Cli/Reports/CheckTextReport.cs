using System.Text;
using CriterionCheck.Cli.Commands;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Matrices;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>The text form of <c>check</c>: a report per spec, then a summary table.</summary>
public static class CheckTextReport
{
    /// <summary>Lists longer than this show their first entries and a count of the rest.</summary>
    public const int Shown = 8;

    /// <summary>Jacobians with at most this many entries are printed entry by entry.</summary>
    public const int SmallJacobian = 24;

    /// <summary>The report for one checked spec.</summary>
    public static string Render(ModelCheck check)
    {
        var model = check.Model;
        var result = check.Result;
        var s = new StringBuilder();
        s.Append($"== {model.SourceName}: {model.Title}\n");
        s.Append($"verdict     {Name(check.Verdict)} ({(model.ExpectSatisfied is null ? "the spec makes no claim" : $"expected {model.Claim}")})" +
                 (check.AsExpected ? "" : "  <- differs from expect") + "\n");
        if (result.Theorem is { } theorem) s.Append($"theorem     {theorem} ({(theorem == 1 ? "constant base measures: entropies" : "a non-constant base measure: pseudo-entropies and a base-measure term")})\n");
        if (check.Kernel is null) s.Append($"undecided   {check.Reason}\n");
        else s.Append($"kernel      {(check.KernelAccepted ? "accepted" : "not accepted")}{(check.Reason is null ? "" : $": {check.Reason}")}\n");
        if (Evidence(check) is { } evidence) s.Append($"evidence    {evidence}\n");
        if (check.Verdict != Verdict.Undecided) s.Append($"sizes       {SizesText(check)}\n");
        if (check.Verdict == Verdict.Satisfied)
            s.Append($"statement   ELBO = entropy sum at every point where F is stationary with respect to {string.Join(", ", result.StationaryIn)}\n");
        var template = check.AllSizes ? model.Template : null;
        for (var g = 0; g < result.Groups.Length; g++)
        {
            var group = result.Groups[g];
            if (template is not null)
            {
                TemplateGroup(s, check, template, group, check.TemplateCertificate?.Groups[g]);
                continue;
            }
            var theta = group.Certificate?.Theta ?? group.Parameters;
            var rows = NaturalRow.Of(model, group.Factors);
            var columnSet = rows.SelectMany(r => r.Symbols).Where(x => theta.Contains(x.Name)).ToHashSet();
            foreach (var name in group.Factors)
            {
                var factor = model.Factors.Single(f => f.Variable == name);
                var condition = factor.Role == FactorRole.Prior ? "condition A" : "condition B";
                s.Append($"\n{factor.Declaration} ~ {factor.Distribution}    ({ModelTextReport.Role(factor.Role)}; {condition}{(group.Factors.Length > 1 ? $", solved jointly with {string.Join(", ", group.Factors.Where(f => f != name))}" : "")})\n");
                s.Append("  natural parameters\n");
                foreach (var element in factor.Elements.Take(Shown))
                    s.Append($"    {element.Label(factor.Variable)}  {string.Join(", ", element.NaturalParameters)}\n");
                More(s, factor.Elements.Length, "    ");
                var own = rows.Where(r => r.Factor == name).ToList();
                var entries = own.Select(r => (Row: r, Gradient: SparseGradient.Of(r.Eta, columnSet))).ToList();
                var nonzero = entries.Sum(e => e.Gradient.Count);
                s.Append($"  Jacobian    {own.Count} × {columnSet.Count} with respect to θ = {{{string.Join(", ", theta)}}}, {nonzero} nonzero entries\n");
                if (own.Count * columnSet.Count <= SmallJacobian)
                    foreach (var (row, gradient) in entries)
                        foreach (var (column, d) in gradient.OrderBy(g => g.Key, ExprOrder.Instance))
                            s.Append($"    ∂η{row.Natural + 1}({Label(factor, row)})/∂{column} = {d}\n");
            }
            if (group.Certificate is { } certificate)
            {
                var letter = group.Factors.All(f => model.Factors.Single(x => x.Variable == f).Role == FactorRole.Prior) ? "α" : "β";
                s.Append($"  {letter} (by {group.Route})\n");
                foreach (var key in First(certificate.Coefficients.Keys, Shown)) s.Append($"    {letter}[{key}] = {certificate.Coefficients[key]}\n");
                More(s, certificate.Coefficients.Count, "    ");
            }
            else if (group.Witness is { } witness) Witness(s, model, witness);
            else s.Append($"  undecided   {group.Reason}\n");
        }
        return s.ToString();
    }

    // A group at every size: natural parameters and Jacobians as templates, coefficients as index templates.
    private static void TemplateGroup(StringBuilder s, ModelCheck check, TemplateModel template, GroupResult group, FactorCertificate? certificate)
    {
        var model = check.Model;
        var theta = certificate?.Theta ?? group.Parameters;
        foreach (var name in group.Factors)
        {
            var factor = model.Factors.Single(f => f.Variable == name);
            var tf = template.Factor(name);
            var condition = factor.Role == FactorRole.Prior ? "condition A" : "condition B";
            s.Append($"\n{factor.Declaration} ~ {factor.Distribution}    ({ModelTextReport.Role(factor.Role)}; {condition}{(group.Factors.Length > 1 ? $", solved jointly with {string.Join(", ", group.Factors.Where(f => f != name))}" : "")})\n");
            s.Append($"  natural parameters{(tf.Indices.IsEmpty ? "" : $", for every {string.Join(", ", tf.Indices.Select(i => $"{i.Index} in 1..{i.Upper}"))}")}\n");
            for (var n = 0; n < tf.NaturalParameters.Length; n++) s.Append($"    η{n + 1} = {tf.NaturalParameters[n]}\n");
            if (tf.Matrix is { } matrix)
                for (var n = 0; n < matrix.Naturals.Length; n++) s.Append($"    η{n + 1} = {matrix.Naturals[n]}\n");
            var blocks = theta.Where(factor.Parameters.Contains).Select(model.Parameter).ToList();
            s.Append($"  Jacobian    with respect to θ = {{{string.Join(", ", theta)}}}\n");
            for (var n = 0; n < tf.NaturalParameters.Length; n++)
                foreach (var block in blocks)
                {
                    var (element, derivative) = TemplateJacobian.Entry(block, tf.NaturalParameters[n]);
                    if (!derivative.IsZero) s.Append($"    ∂η{n + 1}/∂{element} = {derivative}\n");
                }
            if (tf.Matrix is { } m && theta.Contains(m.Covariance.Name))
            {
                // Along a direction dΣ of the covariance: d(Σ⁻¹) = −Σ⁻¹ dΣ Σ⁻¹.
                var d = m.Covariance with { Name = "d" + m.Covariance.Name };
                for (var n = 0; n < m.Naturals.Length; n++)
                    s.Append($"    dη{n + 1} = {m.Naturals[n].Derivative(a => a.Same(m.Covariance) ? MatrixPolynomial.Of(d) : null)}   (along d{m.Covariance})\n");
            }
        }
        if (certificate is not null)
        {
            var letter = group.Factors.All(f => model.Factors.Single(x => x.Variable == f).Role == FactorRole.Prior) ? "α" : "β";
            s.Append($"  {letter} (by {group.Route}), for every size\n");
            foreach (var (key, value) in certificate.Coefficients) s.Append($"    {letter}[{key}] = {value}\n");
        }
        else if (group.Witness is { } witness) Witness(s, model, witness);
    }

    private static void Witness(StringBuilder s, Model model, Witness witness)
    {
            {
                s.Append($"  witness     {witness.Reason}\n");
                var used = witness.Rows.Select(r => model.Factors.Single(f => f.Variable == r.Factor).Elements[r.Element].NaturalParameters[r.Natural])
                    .SelectMany(e => e.Symbols()).Where(x => witness.Parameters.ContainsKey(x)).Distinct().OrderBy(x => x, ExprOrder.Instance).ToList();
                if (used.Count is > 0 and <= Shown)
                    s.Append($"    at {string.Join(", ", used.Select(x => $"{x} = {witness.Parameters[x]}"))}\n");
                // Points that are more than a few latent values (or carry opaque values) are listed once, by number.
                var listed = witness.LatentPoints.Any(p => p.Count > 6 || p.Keys.Any(k => k is OpaqueCall));
                if (listed)
                    foreach (var p in witness.Rows.Select(r => r.LatentPoint).Distinct().Order().Take(Shown))
                    {
                        var values = witness.LatentPoints[p].OrderBy(v => v.Key is OpaqueCall ? 1 : 0).ThenBy(v => v.Key, ExprOrder.Instance).ToList();
                        s.Append($"    latent point {p + 1}: {string.Join(", ", values.Take(Shown).Select(v => $"{v.Key} = {v.Value}"))}{(values.Count > Shown ? $", … and {values.Count - Shown} more" : "")}\n");
                    }
                foreach (var row in witness.Rows.Take(Shown))
                {
                    var factor = model.Factors.Single(f => f.Variable == row.Factor);
                    var at = listed ? $" at latent point {row.LatentPoint + 1}" : LatentText(witness, row);
                    s.Append($"    y = {row.Weight} on η{row.Natural + 1} of {factor.Elements[row.Element].Label(factor.Variable)}{at}\n");
                }
                More(s, witness.Rows.Length, "    ");
            }
    }

    /// <summary>The summary table over every spec given, checked or not, in order, and its closing count.</summary>
    public static string Summary(IReadOnlyList<CheckedSpec> specs)
    {
        var header = new[] { "file", "verdict", "expected", "theorem", "stationary in", "kernel" };
        var rows = specs.Select(spec => spec.Check is not { } c
            ? [Path.GetFileName(spec.File), "unreadable", "-", "-", "-", "-"]
            : new[]
            {
                Path.GetFileName(c.Model.SourceName), Name(c.Verdict), c.Model.Claim,
                c.Result.Theorem?.ToString() ?? "-", c.Verdict == Verdict.Satisfied ? string.Join(", ", c.Result.StationaryIn) : "-",
                c.Kernel is null ? "-" : c.KernelAccepted ? "accepted" : "not accepted",
            }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var s = new StringBuilder();
        s.Append(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd()).Append('\n');
        foreach (var r in rows) s.Append(string.Join("  ", r.Select((v, i) => v.PadRight(widths[i]))).TrimEnd()).Append('\n');
        var checks = specs.Select(x => x.Check).OfType<ModelCheck>().ToList();
        var differing = checks.Count(c => !c.AsExpected);
        var unclaimed = checks.Count(c => c.Model.ExpectSatisfied is null);
        var unreadable = specs.Count - checks.Count;
        s.Append($"{checks.Count} spec{(checks.Count == 1 ? "" : "s")} checked, {checks.Count - differing - unclaimed} as expected, {differing} differ{(differing == 1 ? "s" : "")}" +
                 (unclaimed > 0 ? $", {unclaimed} with no claim" : "") + (unreadable > 0 ? $"; {unreadable} could not be read" : "") + "\n");
        return s.ToString();
    }

    /// <summary>The verdict as reports write it.</summary>
    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string Label(Factor factor, NaturalRow row) =>
        factor.Elements[row.Element].Label(factor.Variable) + string.Concat(row.Categorical.Select(c => $", {c.Key} = {c.Value}"));

    private static string LatentText(Witness witness, WitnessRow row)
    {
        var point = witness.LatentPoints[row.LatentPoint];
        return point.Count == 0 ? "" : $" at {string.Join(", ", point.OrderBy(p => p.Key, ExprOrder.Instance).Select(p => $"{p.Key} = {p.Value}"))}";
    }

    /// <summary>"every size (…)" or "at H = 2, D = 3 only: why".</summary>
    public static string SizesText(ModelCheck check)
    {
        var at = string.Join(", ", check.Sizes.Select(d => d.ToString()));
        if (check.AllSizes)
            return $"proved for every size, by index templates ({check.TemplateKernel!.Proofs.Describe()}); cross-checked at {(at.Length == 0 ? "the spec's only size" : at)}{Requested(check)}";
        if (check.WitnessAtLargerSizes)
            return at.Length == 0 ? "the witness holds at the spec's only size"
                : $"the witness holds at {at} and at every larger size (its rows do not depend on the sizes){Requested(check)}";
        return $"at {at} only: {check.SizesReason}";
    }

    // The sizes asked for, when a proof for every size carried the verdict to them.
    private static string Requested(ModelCheck check) => check.RequestedSizes.IsEmpty ? ""
        : $"; so also at the sizes asked for, {string.Join(", ", check.RequestedSizes.Select(d => d.ToString()))}";

    /// <summary>How the verdict was reached, in one line: what the kernel proved, or how the witness was confirmed; null when undecided.</summary>
    public static string? Evidence(ModelCheck check) => check.Kernel is not { Accepted: true } kernel ? null
        : check.Verdict == Verdict.Violated
            ? "witness checked exactly: " + (kernel.Proofs.Total == 0 ? "its rows depend on no parameter" :
                (kernel.Proofs.Total == 1 ? "yᵀJ = 0 in the one parameter column" : $"yᵀJ = 0 in all {kernel.Proofs.Total} parameter columns") + $"{(kernel.Proofs.NormalForm > 0 ? $" ({kernel.Proofs.NormalForm} by a proof of the zero test)" : "")}") + $", {kernel.Evidence}"
            : $"proved symbolically, nothing sampled: {kernel.Proofs.Describe()}";

    // The first count keys in canonical order, without sorting all of them (157k at MNIST size).
    private static List<Expr> First(IEnumerable<Expr> keys, int count)
    {
        var first = new List<Expr>(count + 1);
        foreach (var key in keys)
        {
            if (first.Count == count && ExprOrder.Instance.Compare(key, first[^1]) >= 0) continue;
            var at = first.BinarySearch(key, ExprOrder.Instance);
            first.Insert(at < 0 ? ~at : at, key);
            if (first.Count > count) first.RemoveAt(count);
        }
        return first;
    }

    private static void More(StringBuilder s, int count, string indent)
    {
        if (count > Shown) s.Append($"{indent}… and {count - Shown} more\n");
    }
}
