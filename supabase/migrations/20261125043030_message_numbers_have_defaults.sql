-- The database fills messages.sequence_number and user_id (number_message trigger); defaults tell clients and the
-- generated types that an insert need not carry them.
alter table public.messages alter column sequence_number set default 0;
alter table public.messages alter column user_id set default auth.uid();
