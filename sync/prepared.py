"""Statements compiled once and handed straight to SQLite's DB-API cursor: the counter's hot path.

Simpan on the intake form sends half a dozen small statements and one durable commit. Measured on a
2-core counter PC, SQLAlchemy's work around each statement (execution context, parameter
processing, result object) cost 20-40 µs, two to three times what SQLite itself took to run it, and
together more than the statements. A `Prepared` statement is compiled once per dialect and set of
columns; on SQLite each run then only converts the values with the columns' own type processors
(so the stored text is exactly what Core would store) and calls ``cursor.execute`` on the
connection's current transaction. SQLite's driver keeps the compiled statement in its own cache.

Nothing else changes: it runs in the caller's transaction, ``before_cursor_execute`` and
``after_cursor_execute`` listeners still see every statement, Python-side column defaults are
filled in, and driver errors are raised as SQLAlchemy's (an ``IntegrityError`` stays one). Other
databases (a shared office's PostgreSQL, where the network round trip dwarfs this cost) and a
connection outside a transaction take the ordinary Core path with the same statement. What is
given up: SQLAlchemy's own statement log (``echo``) and its ``handle_error`` hook do not see these
statements; listeners on the cursor events do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.dml import Insert, Update, UpdateBase

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class Outcome:
    """What a run gives back: the first RETURNING row (if the statement returns any; the driver's
    values, not converted back by the column types) and, for an INSERT of a one-column key, that
    key (the database's choice when it was left empty)."""

    row: tuple[Any, ...] | None
    inserted_key: Any


@dataclass(frozen=True)
class _Form:
    sql: str
    names: tuple[str, ...]
    processors: tuple[Processor, ...]
    returns_rows: bool


class Prepared:
    """One INSERT or UPDATE of one table, run many times with different values."""

    def __init__(self, statement: UpdateBase) -> None:
        if not isinstance(statement, Insert | Update):
            raise TypeError("only INSERT and UPDATE statements are prepared")
        table = statement.table
        if not isinstance(table, Table):
            raise TypeError("a prepared statement writes one table")
        if isinstance(statement, Update) and any(c.onupdate is not None for c in table.columns):
            # Core fills ON UPDATE defaults in its execution context, which this path skips.
            raise ValueError(f"{table.name} has ON UPDATE defaults; update it through Core")
        self.statement = statement
        self.table = table
        self._is_insert = isinstance(statement, Insert)
        self._defaults = _python_defaults(table) if self._is_insert else {}
        self._forms: dict[tuple[int, frozenset[str]], _Form] = {}

    def run(self, connection: Connection, values: Mapping[str, Any]) -> Outcome:
        """Execute with `values` (column keys for an INSERT, bind names for an UPDATE)."""
        dialect = connection.dialect
        if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
            return self._run_core(connection, values)
        if not connection.in_transaction():
            return self._run_core(connection, values)
        values = self.with_defaults(values)
        form = self._form(dialect, values)
        parameters = tuple(
            value if process is None or value is None else process(value)
            for value, process in zip(
                (values[name] for name in form.names), form.processors, strict=True
            )
        )
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        dispatch = connection.dispatch
        for listener in dispatch.before_cursor_execute:
            listener(connection, cursor, form.sql, parameters, None, False)
        try:
            cursor.execute(form.sql, parameters)
            row = cursor.fetchone() if form.returns_rows else None
            if row is not None:
                cursor.fetchall()  # step the statement to its end so SQLite resets it
        except dialect.loaded_dbapi.Error as error:
            raise exc.DBAPIError.instance(
                form.sql,
                parameters,
                error,
                dialect.loaded_dbapi.Error,
                hide_parameters=connection.engine.hide_parameters,
                dialect=dialect,
                ismulti=False,
            ) from error
        for listener in dispatch.after_cursor_execute:
            listener(connection, cursor, form.sql, parameters, None, False)
        inserted = self._inserted_key(values, cursor.lastrowid) if self._is_insert else None
        cursor.close()
        return Outcome(tuple(row) if row is not None else None, inserted)

    def with_defaults(self, values: Mapping[str, Any]) -> Mapping[str, Any]:
        """`values` with the Python-side defaults of the columns an INSERT leaves out (`values`
        itself when it leaves none out, as `sync.rows.insert_new` passes them)."""
        filled = {name: make() for name, make in self._defaults.items() if name not in values}
        if not filled:
            return values
        filled.update(values)
        return filled

    def _run_core(self, connection: Connection, values: Mapping[str, Any]) -> Outcome:
        result = connection.execute(self.statement, dict(values))
        row = result.first() if result.returns_rows else None
        inserted = None
        if self._is_insert:
            key = result.inserted_primary_key
            inserted = key[0] if key is not None and len(key) == 1 else None
        return Outcome(tuple(row) if row is not None else None, inserted)

    def _inserted_key(self, values: Mapping[str, Any], lastrowid: int | None) -> Any:
        keys = list(self.table.primary_key.columns)
        if len(keys) != 1:
            return None
        given = values.get(keys[0].key)
        return given if given is not None else lastrowid

    def _form(self, dialect: Dialect, values: Mapping[str, Any]) -> _Form:
        """The statement compiled for these columns (cached: a hot path sends the same ones)."""
        cache_key = (id(dialect), frozenset(values))
        form = self._forms.get(cache_key)
        if form is not None:
            return form
        if self._is_insert:
            given = [c.key for c in self.table.columns if c.key in values]
            unknown = set(values) - set(given)
            if unknown:
                raise exc.ArgumentError(f"{self.table.name} has no column {sorted(unknown)}")
            compiled = self.statement.compile(dialect=dialect, column_keys=given)
        else:
            compiled = self.statement.compile(dialect=dialect)
        names = tuple(compiled.positiontup or ())
        missing = sorted(set(names) - set(values))
        if missing:
            raise exc.ArgumentError(f"values missing for {missing} in {self.table.name}")
        form = _Form(
            sql=compiled.string,
            names=names,
            processors=tuple(
                # The dialect's own form of the type: a generic DateTime has no processor, SQLite's
                # DATETIME writes the text Core stores (without a UTC offset).
                compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                for name in names
            ),
            returns_rows=bool(compiled.effective_returning),
        )
        self._forms[cache_key] = form
        return form


def _python_defaults(table: Table) -> dict[str, Callable[[], Any]]:
    """Makers of the values Core would fill in for columns an INSERT leaves out."""
    makers: dict[str, Callable[[], Any]] = {}
    for column in table.columns:
        default = column.default
        if default is None:
            continue
        if default.is_scalar:  # type: ignore[attr-defined]
            makers[column.key] = _constant(default.arg)  # type: ignore[attr-defined]
        elif default.is_callable:  # type: ignore[attr-defined]
            makers[column.key] = _called(default.arg)  # type: ignore[attr-defined]
        else:
            raise ValueError(f"{table.name}.{column.key} has a SQL default; insert through Core")
    return makers


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _called(make: Callable[[Any], Any]) -> Callable[[], Any]:
    # Core wraps a default that takes no argument so that it accepts the execution context.
    return lambda: make(None)
