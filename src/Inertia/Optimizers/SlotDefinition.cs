namespace Inertia.Optimizers;

/// <summary>One per-parameter state buffer of an optimizer (Keras names: <c>momentum</c>, <c>velocity</c>, ...) and its initial value.</summary>
/// <param name="Name">The slot's name, used as its key in saved state.</param>
/// <param name="InitialValue">Every element's value before the first update.</param>
public readonly record struct SlotDefinition(string Name, float InitialValue = 0f);
