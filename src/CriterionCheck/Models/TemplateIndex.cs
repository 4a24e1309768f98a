using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>A free index of a template, ranging over 1..<see cref="Upper"/>: a plate index d of x[d in D], a categorical parent c, or a family's own index.</summary>
/// <param name="Index">The index symbol (d).</param>
/// <param name="Upper">The upper end of its range, a size symbol or an expression such as C − 1.</param>
public sealed record TemplateIndex(Symbol Index, Expr Upper);
