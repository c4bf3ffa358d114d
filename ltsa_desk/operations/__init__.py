"""Operations: one function per user action, the only door the window and the command line use.

An operation takes the opened counter (:class:`~ltsa_desk.counter.workspace.Workspace`) and the
acting account (:class:`~ltsa_desk.services.context.Actor`). It reads the configuration flags the
action depends on, opens the write session, loads the rows, calls the services, and turns every
refusal into one error type, :class:`~ltsa_desk.operations.refusal.Refused` (message safe to show,
the field at fault). So the window and the command line cannot drift apart: a rule added to an
operation holds for both, and neither writes its own session or configuration glue.

Arrows point one way: ``(ui, cli) -> operations -> services -> (domain, store, sync.outbox)``.
"""
