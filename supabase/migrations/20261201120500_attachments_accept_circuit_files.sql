-- Attachments accept the circuit files makers export, beside photos and datasheets: a Wokwi `diagram.json`
-- (application/json) and a KiCad netlist (application/x-kicad-netlist, the s-expression `.net` file), so a circuit
-- can be verified offline without a vision model. The type is the one our content check decided, never the
-- browser's claim. Replaces the file_type check of 20261125041600_attachments_and_storage.sql and the bucket's
-- allowed types set there; a new category says which attachments are circuit files.
alter type public.attachment_category add value if not exists 'circuit_file';

alter table public.attachments drop constraint attachments_file_type_check;
alter table public.attachments add constraint attachments_file_type_check
  check (file_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/json', 'application/x-kicad-netlist'));

update storage.buckets
   set allowed_mime_types = array['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/json', 'application/x-kicad-netlist']
 where id = 'attachments';
