"""`OneOf(column, ids)`: the column is one of many values, written the way each database plans and binds fastest.

On PostgreSQL a list is sent as one array literal (`= ANY('{…}'::integer[])`): planning an IN list of thousands of
constants costs more than running the query, and the driver's list adapter costs ~1 ms of CPU per 500 values; a
subquery becomes `= ANY(ARRAY(…))`, which looks the rows up by index where `IN (…)` is planned as a hash join over
the whole table. Elsewhere it is a plain `IN`."""

from functools import cached_property

from django.db.models import Lookup


class Ids(tuple):
    """Many ids for `OneOf`, hashed and written as an array literal once. Django hashes an expression each time it
    compares or rewrites a query (a count, an ordering), and hashes a plain list element by element: over the
    15,000 ids of a register's derived values, that was ~12 ms of every read. Kept in the cache with both.
    `order` names the ordering the ids are in, when they were read in one."""

    def __new__(cls, values=(), order: tuple | None = None):
        ids = super().__new__(cls, values)
        ids.order = order
        return ids

    def __hash__(self):
        return self.hashed

    @cached_property
    def hashed(self) -> int:
        return tuple.__hash__(self)

    @cached_property
    def literal(self) -> str:
        return "{" + ",".join(str(int(value)) for value in self) + "}"

    def kept(self) -> "Ids":
        """Itself, with its hash and literal computed, to be kept in the cache with them."""
        self.hashed, self.literal  # noqa: B018
        return self


class OneOf(Lookup):
    lookup_name = "one_of"
    prepare_rhs = False  # the values as given: a list of ints, or a subquery

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if isinstance(self.rhs, list | tuple):
            if connection.vendor == "postgresql":
                array = (self.rhs if isinstance(self.rhs, Ids) else Ids(self.rhs)).literal
                return f"{lhs} = ANY(%s::{self.lhs.output_field.cast_db_type(connection)}[])", [*params, array]
            return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]
        rhs, rhs_params = compiler.compile(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*params, *rhs_params]
        return f"{lhs} IN {rhs}", [*params, *rhs_params]
