"""`OneOf(column, ids)`: the column is one of many values, written the way each database plans and binds fastest.

On PostgreSQL a list is sent as one array literal (`= ANY('{…}'::integer[])`): planning an IN list of thousands of
constants costs more than running the query, and the driver's list adapter costs ~1 ms of CPU per 500 values; a
subquery becomes `= ANY(ARRAY(…))`, which looks the rows up by index where `IN (…)` is planned as a hash join over
the whole table. Elsewhere it is a plain `IN`."""

from django.db.models import Lookup


class OneOf(Lookup):
    lookup_name = "one_of"
    prepare_rhs = False  # the values as given: a list of ints, or a subquery

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if isinstance(self.rhs, list | tuple):
            if connection.vendor == "postgresql":
                array = "{" + ",".join(str(int(value)) for value in self.rhs) + "}"
                return f"{lhs} = ANY(%s::{self.lhs.output_field.cast_db_type(connection)}[])", [*params, array]
            return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]
        rhs, rhs_params = compiler.compile(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*params, *rhs_params]
        return f"{lhs} IN {rhs}", [*params, *rhs_params]
