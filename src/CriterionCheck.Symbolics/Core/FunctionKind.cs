namespace CriterionCheck.Symbolics.Core;

/// <summary>The built-in functions of the expression language.</summary>
public enum FunctionKind
{
    /// <summary>e^x.</summary>
    Exp,
    /// <summary>Natural logarithm.</summary>
    Log,
    /// <summary>|x|.</summary>
    Abs,
    /// <summary>Sign of x (−1, 0, 1): the derivative of |x|, so differentiation never needs x/|x|.</summary>
    Sign,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>Logistic function 1/(1+e^−x).</summary>
    Sigmoid,
    /// <summary>log(p/(1−p)).</summary>
    Logit,
    /// <summary>log(1+e^x).</summary>
    Softplus,
    /// <summary>log Γ(x).</summary>
    LogGamma,
    /// <summary>polygamma(n, x), the n-th derivative of digamma; digamma and trigamma are orders 0 and 1.</summary>
    Polygamma,
}
