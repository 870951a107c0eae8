"""Rain scenario settings: how much of the rain becomes runoff.

The rule is ``core.sinks.effective_rain_mm``: h_eff = max(0, ψ·h_N − h_sewer), used by
``smartplan:rainscenario`` and by the planning table's live figures (``core.measures.LiveModel``).
Defaults (ψ = 1, h_sewer = 0) and their sources: ``core.defaults``."""

from dataclasses import dataclass

from ..core import defaults
from .terrain import building_height

PARAM_RUNOFF = "RUNOFF_COEFF"
PARAM_SEWER = "SEWER_MM"


@dataclass(frozen=True)
class ScenarioSettings:
    runoff: float = defaults.RUNOFF_COEFF
    sewer_mm: float = defaults.SEWER_MM

    @classmethod
    def from_parameters(cls, params):
        params = params or {}
        psi = building_height(params.get(PARAM_RUNOFF))  # a non-negative finite number or None
        sewer = building_height(params.get(PARAM_SEWER))
        return cls(
            runoff=defaults.RUNOFF_COEFF if psi is None or psi > 1 else psi,
            sewer_mm=defaults.SEWER_MM if sewer is None else sewer,
        )
