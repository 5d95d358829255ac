-- Moving a chat into another project takes its design along: the chat's artifacts and the parts, connections and
-- code files their versions own follow chats.project_id, so a project is always the sum of its chats (the totals
-- of both projects are then recomputed by the triggers of 20261201133601_project_current_design_totals.sql).
-- A chat with artifacts cannot leave its project for none while that project exists (its rows need a project);
-- when the project itself is deleted, its chats stay, with their artifacts and without the project's rows.

-- security definer: artifacts.project_id and the project rows' project_id are not writable by users; this only
-- follows a change of chats.project_id that RLS allowed (the caller owns the chat and the target project).
create function private.move_chat_design() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.project_id is null then
    if exists (select 1 from public.projects p where p.id = old.project_id)
       and exists (select 1 from public.artifacts a where a.chat_id = new.id) then
      raise exception 'a chat with a design stays in a project: move it into another project instead'
        using errcode = '22023';
    end if;
    update public.artifacts a set project_id = null where a.chat_id = new.id and a.project_id is not null;
    perform private.refresh_project_totals(old.project_id);
    return null;
  end if;
  update public.artifacts a set project_id = new.project_id
   where a.chat_id = new.id and a.project_id is distinct from new.project_id;
  update public.parts r set project_id = new.project_id
    from public.artifacts a where a.chat_id = new.id and r.artifact_id = a.id and r.project_id <> new.project_id;
  update public.connections r set project_id = new.project_id
    from public.artifacts a where a.chat_id = new.id and r.artifact_id = a.id and r.project_id <> new.project_id;
  update public.code_files r set project_id = new.project_id
    from public.artifacts a where a.chat_id = new.id and r.artifact_id = a.id and r.project_id <> new.project_id;
  -- Recounted once the rows have moved (the artifacts' own triggers ran before them).
  perform private.refresh_project_totals(old.project_id);
  perform private.refresh_project_totals(new.project_id);
  return null;
end;
$$;
revoke execute on function private.move_chat_design() from public;

create trigger move_chat_design after update of project_id on public.chats
  for each row when (new.project_id is distinct from old.project_id) execute function private.move_chat_design();
