"""``ltsa-sim``: the reference server playing both remote systems (registry and immigration).

Tests, benchmarks, demos and training mode talk to it over real HTTP; it is the only stand-in for
the real systems (nothing mocks httpx). See ``sync/sim/README.md`` for the HTTP API.

Modules (nothing is imported here, so ``import sync.sim.process`` stays light):

- :mod:`sync.sim.cli` -- the ``ltsa-sim`` command (also ``python -m sync.sim``).
- :mod:`sync.sim.server` -- :class:`~sync.sim.server.SimServer` / ``SimOptions``, in-process use.
- :mod:`sync.sim.process` -- ``start_sim_process`` / ``run_sim_process(tmp_path, **options)``: a
  real subprocess, for training mode, tests, benchmarks and the tour; its control port's calls
  are :mod:`sync.sim.control_calls`.
- :mod:`sync.sim.samples` -- valid sample payloads for tests and benchmarks.
- :mod:`sync.sim.systems_app`, :mod:`sync.sim.control_app` -- the two HTTP faces (systems port,
  control port), sharing :mod:`sync.sim.runtime` (faults, tokens, store) and
  :mod:`sync.sim.responses`.
- :mod:`sync.sim.systems`, :mod:`sync.sim.store`, :mod:`sync.sim.validation` -- business rules,
  SQLite state, payload validation.
"""
