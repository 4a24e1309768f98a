using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>
/// A function the criterion treats as opaque, <c>function f[d in D](z; w)</c>: its value and its
/// derivatives are unknowns. An optional body gives numeric checks a concrete function.
/// </summary>
/// <param name="Name">The name.</param>
/// <param name="Output">The output axis (f[d]), or null for a scalar function.</param>
/// <param name="Inputs">The latent blocks it maps.</param>
/// <param name="Parameters">The parameter blocks it depends on.</param>
/// <param name="Body">The concrete body per output element (in input and parameter elements), or empty when none is given.</param>
/// <param name="Line">The line of the declaration.</param>
public sealed record OpaqueFunction(string Name, Axis? Output, ImmutableArray<string> Inputs, ImmutableArray<string> Parameters,
    ImmutableArray<Expr> Body, int Line)
{
    /// <summary>True when a concrete body was given.</summary>
    public bool HasBody => !Body.IsEmpty;

    /// <summary>How the declaration reads, e.g. <c>f[d in D](z; w)</c>.</summary>
    public string Signature => $"{Name}{(Output is null ? "" : $"[{Output}]")}({string.Join(", ", Inputs)}; {string.Join(", ", Parameters)})";
}
