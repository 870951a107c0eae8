"""The analysis layer: SmartPlan's use cases, shared by the Processing algorithms and the GUI.

Each module turns inputs (paths, plain Python records of features, settings) into a result with
the rules of ``core`` and the readers of ``io``; it holds no widget and no Processing parameter.
Processing wrappers read their parameters, call a function here and write the outputs; the
planning table calls the same functions. A rule used by both therefore exists once.

Layering: core → io → analysis → processing / gui (no upward import).
"""
