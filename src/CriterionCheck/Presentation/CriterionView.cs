using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Matrices;
using CriterionCheck.Verification;

namespace CriterionCheck.Presentation;

/// <summary>
/// The criterion as every report shows it — text, Markdown, LaTeX and JSON render this one model, so
/// what a reader sees (which entries, how many, templates or elements) is decided here once and each
/// format decides only how. A verdict proved for every size is shown in templates (η_d, ∂η/∂W[d',h'],
/// β[W[d,h]]), whose length does not grow with the sizes; otherwise at the sizes checked.
/// </summary>
/// <param name="Check">The checked model.</param>
/// <param name="Groups">One view per group of factors solved together.</param>
public sealed record CriterionView(ModelCheck Check, ImmutableArray<GroupView> Groups)
{
    /// <summary>Lists longer than this show their first entries and a count of the rest.</summary>
    public const int Shown = 6;

    /// <summary>Jacobians with at most this many rows × columns are shown entry by entry.</summary>
    public const int SmallJacobian = 24;

    /// <summary>True when the views are templates for every size.</summary>
    public bool ForEverySize => Check.AllSizes && Check.Model.Template is not null;

    /// <summary>The view of <paramref name="check"/>.</summary>
    public static CriterionView Of(ModelCheck check)
    {
        var model = check.Model;
        var template = check.AllSizes ? model.Template : null;
        var groups = ImmutableArray.CreateBuilder<GroupView>();
        for (var g = 0; g < check.Result.Groups.Length; g++)
        {
            var group = check.Result.Groups[g];
            var prior = group.Factors.All(f => model.Factors.Single(x => x.Variable == f).Role == FactorRole.Prior);
            var witness = group.Witness is { } w ? Witness(model, w) : null;
            var reason = group.Certificate is null && group.Witness is null ? group.Reason : null;
            if (template is not null && check.TemplateCertificate is { } all)
            {
                var certificate = all.Groups[g];
                var factors = group.Factors.Select(name => TemplateFactorView(model, template.Factor(name), group, certificate.Theta)).ToImmutableArray();
                var coefficients = certificate.Coefficients.OrderBy(c => c.Key, ExprOrder.Instance)
                    .Select(c => CategoricalForm(model, template, group, c.Key, c.Value) ?? new CoefficientView(c.Key, c.Value)).ToImmutableArray();
                groups.Add(new GroupView(group.Factors, prior, true, certificate.Theta, group.Route, factors, coefficients, coefficients.Length, witness, reason));
            }
            else
            {
                var theta = group.Certificate?.Theta ?? group.Parameters;
                var rows = NaturalRow.Of(model, group.Factors);
                var columns = rows.SelectMany(r => r.Symbols).Where(x => theta.Contains(x.Name)).ToHashSet();
                var factors = group.Factors.Select(name => ConcreteFactorView(model, name, group, rows, columns)).ToImmutableArray();
                var coefficients = group.Certificate is { } c
                    ? First(c.Coefficients.Keys, Shown).Select(k => new CoefficientView(k, c.Coefficients[k])).ToImmutableArray()
                    : [];
                groups.Add(new GroupView(group.Factors, prior, false, theta, group.Route, factors, coefficients, group.Certificate?.Coefficients.Count ?? 0, witness, reason));
            }
        }
        return new CriterionView(check, groups.ToImmutable());
    }

    // The categorical prior's α as the paper writes it, π_c(log π_c + H[π]) with H[π] = −Σ_c π_c log π_c
    // over all C weights. Shown only when the kernel's normal form proves it equal to the certificate's
    // coefficient, with π_C = 1 − Σ_{c<C} π_c; otherwise the coefficient is shown as it is.
    private static CoefficientView? CategoricalForm(Model model, TemplateModel template, GroupResult group, Expr key, Expr value)
    {
        if (group.Factors is not [var name] || model.Factors.Single(f => f.Variable == name).Family.Name != "Categorical") return null;
        if (key is not Symbol { Indices: [Symbol index] } weight || model.Parameters.FirstOrDefault(p => p.Name == weight.Name) is not
            { Domain: Families.ParameterDomain.Simplex, Shape.Length: 1 } block) return null;
        var size = Symbol.Of(block.Shape[0].Name);
        var entropy = Symbol.Of("H", Symbol.Of(weight.Name));
        var display = weight * (FunctionCall.Log(weight) + entropy);
        var j = IndexedSum.Temporary();
        var free = IndexedSum.Of(j, size - Number.One, Symbol.Of(weight.Name, j) * FunctionCall.Log(Symbol.Of(weight.Name, j)), "j");
        var last = SimplexTemplates.LastWeight(weight.Name, [], size);
        var definition = -free - last * FunctionCall.Log(last);
        var residual = value - Substitution.Substitute(display, entropy, definition);
        if (new ResidualProver(model, template.Assumptions).Prove(residual, out _) is null) return null;
        var k = IndexedSum.Temporary();
        var meaning = -IndexedSum.Of(k, size, Symbol.Of(weight.Name, k) * FunctionCall.Log(Symbol.Of(weight.Name, k)), index.Name);
        return new CoefficientView(key, value, display, entropy, meaning);
    }

    private static ImmutableArray<string> JointWith(GroupResult group, string name) => [.. group.Factors.Where(f => f != name)];

    private static FactorView ConcreteFactorView(Model model, string name, GroupResult group, List<NaturalRow> rows, HashSet<Symbol> columns)
    {
        var factor = model.Factors.Single(f => f.Variable == name);
        var naturals = factor.Elements.Take(Shown).Select(e => new NaturalView(e, e.NaturalParameters, [])).ToImmutableArray();
        var own = rows.Where(r => r.Factor == name).ToList();
        var entries = new List<JacobianEntry>();
        var nonzero = 0;
        foreach (var row in own)
        {
            var gradient = SparseGradient.Of(row.Eta, columns);
            nonzero += gradient.Count;
            if (entries.Count < SmallJacobian)
                entries.AddRange(gradient.OrderBy(e => e.Key, ExprOrder.Instance).Select(e => new JacobianEntry(row, row.Natural, e.Key, e.Value)));
        }
        var complete = own.Count * columns.Count <= SmallJacobian;
        var shown = complete ? entries : entries.Take(Shown).ToList();
        return new FactorView(factor, JointWith(group, name), [], naturals, factor.Elements.Length,
            new JacobianView(own.Count, columns.Count, nonzero, [.. shown], complete || shown.Count == nonzero));
    }

    private static FactorView TemplateFactorView(Model model, TemplateFactor tf, GroupResult group, ImmutableArray<string> theta)
    {
        var factor = model.Factors.Single(f => f.Variable == tf.Variable);
        var naturals = new NaturalView(null, tf.NaturalParameters, tf.Matrix is { } m ? m.Naturals : []);
        var entries = new List<JacobianEntry>();
        var blocks = theta.Where(factor.Parameters.Contains).Select(model.Parameter).ToList();
        for (var n = 0; n < tf.NaturalParameters.Length; n++)
            foreach (var block in blocks)
            {
                var (element, derivative) = TemplateJacobian.Entry(block, tf.NaturalParameters[n]);
                if (!derivative.IsZero) entries.Add(new JacobianEntry(null, n, element, derivative));
            }
        if (tf.Matrix is { } matrix && theta.Contains(matrix.Covariance.Name))
        {
            // Along a direction dΣ of the covariance: d(Σ⁻¹) = −Σ⁻¹ dΣ Σ⁻¹.
            var direction = matrix.Covariance with { Name = "d" + matrix.Covariance.Name };
            var column = Symbol.Of(matrix.Covariance.Name, matrix.Covariance.Lead);
            for (var n = 0; n < matrix.Naturals.Length; n++)
                entries.Add(new JacobianEntry(null, n, column, null,
                    matrix.Naturals[n].Derivative(a => a.Same(matrix.Covariance) ? MatrixPolynomial.Of(direction) : null), direction));
        }
        return new FactorView(factor, JointWith(group, tf.Variable), tf.Indices, [naturals], factor.Elements.Length,
            new JacobianView(null, null, null, [.. entries], true)) { Cases = tf.Cases };
    }

    private static WitnessView Witness(Model model, Witness witness)
    {
        var used = witness.Rows.Select(r => model.Factors.Single(f => f.Variable == r.Factor).Elements[r.Element].NaturalParameters[r.Natural])
            .SelectMany(e => e.Symbols()).Where(x => witness.Parameters.ContainsKey(x)).Distinct().OrderBy(x => x, ExprOrder.Instance)
            .Select(x => new KeyValuePair<Expr, Expr>(x, witness.Parameters[x])).ToImmutableArray();
        // Points that are more than a few latent values (or carry opaque values) are listed once, by number.
        var listed = witness.LatentPoints.Any(p => p.Count > 4 || p.Keys.Any(k => k is OpaqueCall));
        var points = listed ? witness.Rows.Select(r => r.LatentPoint).Distinct().Order().Take(Shown).ToImmutableArray() : [];
        return new WitnessView(witness, used, listed, points, [.. witness.Rows.Take(Shown)]);
    }

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
}
