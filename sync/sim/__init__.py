"""``ltsa-sim``: the reference server playing both remote systems (registry and immigration).

Tests, benchmarks, demos and training mode talk to it over real HTTP; it is the only stand-in for
the real systems (nothing mocks httpx). See ``sync/sim/README.md`` for the HTTP API.

Modules (nothing is imported here, so ``import sync.sim.testing`` stays light):

- :mod:`sync.sim.cli` -- the ``ltsa-sim`` command (also ``python -m sync.sim``).
- :mod:`sync.sim.server` -- :class:`~sync.sim.server.SimServer` / ``SimOptions``, in-process use.
- :mod:`sync.sim.testing` -- ``run_sim_process(tmp_path, **options)``: a real subprocess for tests.
- :mod:`sync.sim.app`, :mod:`sync.sim.systems`, :mod:`sync.sim.store`,
  :mod:`sync.sim.validation` -- HTTP faces, business rules, SQLite state, payload validation.
"""
