
export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "public": {
          Tables: {
            "activity_log": {
                  Row: {
                    "chat_id": string | null,"event_data": NonNullable<Json>,"event_type": string,"id": string,"project_id": string | null,"timestamp": string,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "chat_id"?: string | null,"event_data"?: NonNullable<Json>,"event_type": string,"id"?: string,"project_id"?: string | null,"timestamp"?: string,"user_id"?: string | null
                  }
                  Update: {
                    "chat_id"?: string | null,"event_data"?: NonNullable<Json>,"event_type"?: string,"id"?: string,"project_id"?: string | null,"timestamp"?: string,"user_id"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "activity_log_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "activity_log_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"artifact_versions": {
                  Row: {
                    "artifact_id": string,"author": string,"change_summary": string | null,"content": string | null,"content_json": Json | null,"created_at": string,"created_by_message_id": string | null,"file_url": string | null,"id": string,"parent_version_id": string | null,"user_id": string,"version_number": number
                  }
                  ComputedFields: never
                  Insert: {
                    "artifact_id": string,"author"?: string,"change_summary"?: string | null,"content"?: string | null,"content_json"?: Json | null,"created_at"?: string,"created_by_message_id"?: string | null,"file_url"?: string | null,"id"?: string,"parent_version_id"?: string | null,"user_id": string,"version_number": number
                  }
                  Update: {
                    "artifact_id"?: string,"author"?: string,"change_summary"?: string | null,"content"?: string | null,"content_json"?: Json | null,"created_at"?: string,"created_by_message_id"?: string | null,"file_url"?: string | null,"id"?: string,"parent_version_id"?: string | null,"user_id"?: string,"version_number"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "artifact_versions_artifact_id_fkey"
      columns: ["artifact_id"]
isOneToOne: false
      referencedRelation: "artifacts"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "artifact_versions_created_by_message_id_fkey"
      columns: ["created_by_message_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "artifact_versions_parent_version_id_fkey"
      columns: ["parent_version_id"]
isOneToOne: false
      referencedRelation: "artifact_versions"
      referencedColumns: ["id"]
    }
                  ]
                },"artifacts": {
                  Row: {
                    "chat_id": string,"created_at": string,"created_by_message_id": string | null,"current_version": number,"description": string | null,"id": string,"is_visible": boolean,"metadata": NonNullable<Json>,"project_id": string | null,"title": string,"total_versions": number,"type": Database["public"]['Enums']["artifact_type"],"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "chat_id": string,"created_at"?: string,"created_by_message_id"?: string | null,"current_version"?: number,"description"?: string | null,"id"?: string,"is_visible"?: boolean,"metadata"?: NonNullable<Json>,"project_id"?: string | null,"title": string,"total_versions"?: number,"type": Database["public"]['Enums']["artifact_type"],"updated_at"?: string,"user_id": string
                  }
                  Update: {
                    "chat_id"?: string,"created_at"?: string,"created_by_message_id"?: string | null,"current_version"?: number,"description"?: string | null,"id"?: string,"is_visible"?: boolean,"metadata"?: NonNullable<Json>,"project_id"?: string | null,"title"?: string,"total_versions"?: number,"type"?: Database["public"]['Enums']["artifact_type"],"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "artifacts_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "artifacts_created_by_message_id_fkey"
      columns: ["created_by_message_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "artifacts_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"attachments": {
                  Row: {
                    "analysis": Json | null,"category": Database["public"]['Enums']["attachment_category"],"chat_id": string,"created_at": string,"file_size": number,"file_type": string,"filename": string,"id": string,"is_processed": boolean,"message_id": string | null,"metadata": NonNullable<Json>,"processed_at": string | null,"processing_error": string | null,"processing_started_at": string | null,"processing_status": Database["public"]['Enums']["processing_status"],"storage_bucket": string,"storage_path": string,"thumbnail_path": string | null,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "analysis"?: Json | null,"category"?: Database["public"]['Enums']["attachment_category"],"chat_id": string,"created_at"?: string,"file_size": number,"file_type": string,"filename": string,"id"?: string,"is_processed"?: boolean,"message_id"?: string | null,"metadata"?: NonNullable<Json>,"processed_at"?: string | null,"processing_error"?: string | null,"processing_started_at"?: string | null,"processing_status"?: Database["public"]['Enums']["processing_status"],"storage_bucket"?: string,"storage_path": string,"thumbnail_path"?: string | null,"user_id": string
                  }
                  Update: {
                    "analysis"?: Json | null,"category"?: Database["public"]['Enums']["attachment_category"],"chat_id"?: string,"created_at"?: string,"file_size"?: number,"file_type"?: string,"filename"?: string,"id"?: string,"is_processed"?: boolean,"message_id"?: string | null,"metadata"?: NonNullable<Json>,"processed_at"?: string | null,"processing_error"?: string | null,"processing_started_at"?: string | null,"processing_status"?: Database["public"]['Enums']["processing_status"],"storage_bucket"?: string,"storage_path"?: string,"thumbnail_path"?: string | null,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "attachments_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "attachments_message_id_fkey"
      columns: ["message_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                },"chat_archives": {
                  Row: {
                    "chat_id": string,"digest": string | null,"message_count": number,"object_path": string,"restored_at": string | null,"sealed_at": string,"stored_at": string | null,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "chat_id": string,"digest"?: string | null,"message_count"?: number,"object_path": string,"restored_at"?: string | null,"sealed_at"?: string,"stored_at"?: string | null,"user_id": string
                  }
                  Update: {
                    "chat_id"?: string,"digest"?: string | null,"message_count"?: number,"object_path"?: string,"restored_at"?: string | null,"sealed_at"?: string,"stored_at"?: string | null,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "chat_archives_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: true
      referencedRelation: "chats"
      referencedColumns: ["id"]
    }
                  ]
                },"chat_forks": {
                  Row: {
                    "created_at": string,"forked_at_sequence": number,"forked_chat_id": string,"id": string,"original_chat_id": string | null,"shared_chat_id": string | null,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"forked_at_sequence": number,"forked_chat_id": string,"id"?: string,"original_chat_id"?: string | null,"shared_chat_id"?: string | null,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"forked_at_sequence"?: number,"forked_chat_id"?: string,"id"?: string,"original_chat_id"?: string | null,"shared_chat_id"?: string | null,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "chat_forks_forked_chat_id_fkey"
      columns: ["forked_chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "chat_forks_original_chat_id_fkey"
      columns: ["original_chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "chat_forks_shared_chat_id_fkey"
      columns: ["shared_chat_id"]
isOneToOne: false
      referencedRelation: "shared_chats"
      referencedColumns: ["id"]
    }
                  ]
                },"chats": {
                  Row: {
                    "active_leaf_id": string | null,"active_tail": unknown,"active_tail_parent_id": string | null,"archived_at": string | null,"created_at": string,"current_phase": Database["public"]['Enums']["chat_phase"],"deleted_at": string | null,"description": string | null,"forked_from_chat_id": string | null,"id": string,"is_public": boolean,"last_message_at": string,"last_sequence_number": number,"message_count": number,"metadata": NonNullable<Json>,"project_id": string | null,"share_token": string | null,"title": string,"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "active_leaf_id"?: string | null,"active_tail"?: unknown,"active_tail_parent_id"?: string | null,"archived_at"?: string | null,"created_at"?: string,"current_phase"?: Database["public"]['Enums']["chat_phase"],"deleted_at"?: string | null,"description"?: string | null,"forked_from_chat_id"?: string | null,"id"?: string,"is_public"?: boolean,"last_message_at"?: string,"last_sequence_number"?: number,"message_count"?: number,"metadata"?: NonNullable<Json>,"project_id"?: string | null,"share_token"?: string | null,"title"?: string,"updated_at"?: string,"user_id"?: string
                  }
                  Update: {
                    "active_leaf_id"?: string | null,"active_tail"?: unknown,"active_tail_parent_id"?: string | null,"archived_at"?: string | null,"created_at"?: string,"current_phase"?: Database["public"]['Enums']["chat_phase"],"deleted_at"?: string | null,"description"?: string | null,"forked_from_chat_id"?: string | null,"id"?: string,"is_public"?: boolean,"last_message_at"?: string,"last_sequence_number"?: number,"message_count"?: number,"metadata"?: NonNullable<Json>,"project_id"?: string | null,"share_token"?: string | null,"title"?: string,"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "chats_forked_from_chat_id_fkey"
      columns: ["forked_from_chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "chats_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"code_files": {
                  Row: {
                    "artifact_id": string | null,"artifact_version_id": string | null,"content": string,"created_at": string,"filename": string,"id": string,"is_production_ready": boolean,"language": string | null,"platform": string | null,"project_id": string,"required_libraries": (string)[],"unit_number": number,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "artifact_id"?: string | null,"artifact_version_id"?: string | null,"content"?: string,"created_at"?: string,"filename": string,"id"?: string,"is_production_ready"?: boolean,"language"?: string | null,"platform"?: string | null,"project_id": string,"required_libraries"?: (string)[],"unit_number": number,"user_id": string
                  }
                  Update: {
                    "artifact_id"?: string | null,"artifact_version_id"?: string | null,"content"?: string,"created_at"?: string,"filename"?: string,"id"?: string,"is_production_ready"?: boolean,"language"?: string | null,"platform"?: string | null,"project_id"?: string,"required_libraries"?: (string)[],"unit_number"?: number,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "code_files_artifact_id_fkey"
      columns: ["artifact_id"]
isOneToOne: false
      referencedRelation: "artifacts"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "code_files_artifact_version_id_fkey"
      columns: ["artifact_version_id"]
isOneToOne: false
      referencedRelation: "artifact_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "code_files_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"connections": {
                  Row: {
                    "artifact_id": string | null,"artifact_version_id": string | null,"created_at": string,"from_part_id": string | null,"from_pin": string,"from_pin_type": string | null,"id": string,"project_id": string,"sequence_number": number,"signal_type": string | null,"to_part_id": string | null,"to_pin": string,"to_pin_type": string | null,"user_id": string,"voltage": string | null,"warnings": (string)[],"wire_color": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "artifact_id"?: string | null,"artifact_version_id"?: string | null,"created_at"?: string,"from_part_id"?: string | null,"from_pin": string,"from_pin_type"?: string | null,"id"?: string,"project_id": string,"sequence_number": number,"signal_type"?: string | null,"to_part_id"?: string | null,"to_pin": string,"to_pin_type"?: string | null,"user_id": string,"voltage"?: string | null,"warnings"?: (string)[],"wire_color"?: string | null
                  }
                  Update: {
                    "artifact_id"?: string | null,"artifact_version_id"?: string | null,"created_at"?: string,"from_part_id"?: string | null,"from_pin"?: string,"from_pin_type"?: string | null,"id"?: string,"project_id"?: string,"sequence_number"?: number,"signal_type"?: string | null,"to_part_id"?: string | null,"to_pin"?: string,"to_pin_type"?: string | null,"user_id"?: string,"voltage"?: string | null,"warnings"?: (string)[],"wire_color"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "connections_artifact_id_fkey"
      columns: ["artifact_id"]
isOneToOne: false
      referencedRelation: "artifacts"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "connections_artifact_version_id_fkey"
      columns: ["artifact_version_id"]
isOneToOne: false
      referencedRelation: "artifact_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "connections_from_part_id_fkey"
      columns: ["from_part_id"]
isOneToOne: false
      referencedRelation: "parts"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "connections_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "connections_to_part_id_fkey"
      columns: ["to_part_id"]
isOneToOne: false
      referencedRelation: "parts"
      referencedColumns: ["id"]
    }
                  ]
                },"messages": {
                  Row: {
                    "agent_icon": string | null,"agent_model": string | null,"agent_name": string | null,"chat_id": string,"content": string,"content_search": unknown,"cost": number | null,"counts_as_usage": boolean,"created_artifact_ids": (string)[],"created_at": string,"id": string,"idempotency_key": string | null,"input_cache_read_tokens": number,"input_cache_write_tokens": number,"input_tokens": number,"intent": Database["public"]['Enums']["message_intent"] | null,"metadata": NonNullable<Json>,"output_tokens": number,"parent_id": string | null,"role": Database["public"]['Enums']["message_role"],"sequence_number": number,"sibling_count": number,"sibling_index": number,"status": Database["public"]['Enums']["message_status"],"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "agent_icon"?: string | null,"agent_model"?: string | null,"agent_name"?: string | null,"chat_id": string,"content"?: string,"content_search"?: never,"cost"?: number | null,"counts_as_usage"?: boolean,"created_artifact_ids"?: (string)[],"created_at"?: string,"id"?: string,"idempotency_key"?: string | null,"input_cache_read_tokens"?: number,"input_cache_write_tokens"?: number,"input_tokens"?: number,"intent"?: Database["public"]['Enums']["message_intent"] | null,"metadata"?: NonNullable<Json>,"output_tokens"?: number,"parent_id"?: string | null,"role": Database["public"]['Enums']["message_role"],"sequence_number"?: number,"sibling_count"?: number,"sibling_index"?: number,"status"?: Database["public"]['Enums']["message_status"],"updated_at"?: string,"user_id"?: string
                  }
                  Update: {
                    "agent_icon"?: string | null,"agent_model"?: string | null,"agent_name"?: string | null,"chat_id"?: string,"content"?: string,"content_search"?: never,"cost"?: number | null,"counts_as_usage"?: boolean,"created_artifact_ids"?: (string)[],"created_at"?: string,"id"?: string,"idempotency_key"?: string | null,"input_cache_read_tokens"?: number,"input_cache_write_tokens"?: number,"input_tokens"?: number,"intent"?: Database["public"]['Enums']["message_intent"] | null,"metadata"?: NonNullable<Json>,"output_tokens"?: number,"parent_id"?: string | null,"role"?: Database["public"]['Enums']["message_role"],"sequence_number"?: number,"sibling_count"?: number,"sibling_index"?: number,"status"?: Database["public"]['Enums']["message_status"],"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "messages_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "messages_parent_id_fkey"
      columns: ["parent_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                },"model_prices": {
                  Row: {
                    "cache_read_per_1k": number | null,"cache_write_per_1k": number | null,"currency": string,"effective_from": string,"input_per_1k": number,"model": string,"output_per_1k": number,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "cache_read_per_1k"?: number | null,"cache_write_per_1k"?: number | null,"currency"?: string,"effective_from"?: string,"input_per_1k": number,"model": string,"output_per_1k": number,"updated_at"?: string
                  }
                  Update: {
                    "cache_read_per_1k"?: number | null,"cache_write_per_1k"?: number | null,"currency"?: string,"effective_from"?: string,"input_per_1k"?: number,"model"?: string,"output_per_1k"?: number,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"parts": {
                  Row: {
                    "alternatives": NonNullable<Json>,"artifact_id": string | null,"artifact_version_id": string | null,"compatibility_warnings": (string)[],"created_at": string,"current": string | null,"id": string,"interface_type": string | null,"manufacturer": string | null,"name": string,"part_number": string | null,"price": number | null,"project_id": string,"quantity": number,"specs": NonNullable<Json>,"supplier": string | null,"supplier_url": string | null,"user_id": string,"voltage": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "alternatives"?: NonNullable<Json>,"artifact_id"?: string | null,"artifact_version_id"?: string | null,"compatibility_warnings"?: (string)[],"created_at"?: string,"current"?: string | null,"id"?: string,"interface_type"?: string | null,"manufacturer"?: string | null,"name": string,"part_number"?: string | null,"price"?: number | null,"project_id": string,"quantity"?: number,"specs"?: NonNullable<Json>,"supplier"?: string | null,"supplier_url"?: string | null,"user_id": string,"voltage"?: string | null
                  }
                  Update: {
                    "alternatives"?: NonNullable<Json>,"artifact_id"?: string | null,"artifact_version_id"?: string | null,"compatibility_warnings"?: (string)[],"created_at"?: string,"current"?: string | null,"id"?: string,"interface_type"?: string | null,"manufacturer"?: string | null,"name"?: string,"part_number"?: string | null,"price"?: number | null,"project_id"?: string,"quantity"?: number,"specs"?: NonNullable<Json>,"supplier"?: string | null,"supplier_url"?: string | null,"user_id"?: string,"voltage"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "parts_artifact_id_fkey"
      columns: ["artifact_id"]
isOneToOne: false
      referencedRelation: "artifacts"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "parts_artifact_version_id_fkey"
      columns: ["artifact_version_id"]
isOneToOne: false
      referencedRelation: "artifact_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "parts_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"personal_access_tokens": {
                  Row: {
                    "created_at": string,"expires_at": string,"id": string,"last_used_at": string | null,"name": string,"revoked_at": string | null,"scope": Database["public"]['Enums']["access_token_scope"],"token_hash": string,"token_prefix": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"expires_at": string,"id"?: string,"last_used_at"?: string | null,"name": string,"revoked_at"?: string | null,"scope": Database["public"]['Enums']["access_token_scope"],"token_hash": string,"token_prefix": string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"expires_at"?: string,"id"?: string,"last_used_at"?: string | null,"name"?: string,"revoked_at"?: string | null,"scope"?: Database["public"]['Enums']["access_token_scope"],"token_hash"?: string,"token_prefix"?: string,"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                },"profiles": {
                  Row: {
                    "created_at": string,"display_name": string | null,"id": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"display_name"?: string | null,"id": string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"display_name"?: string | null,"id"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"projects": {
                  Row: {
                    "archived_at": string | null,"bom_currency": string | null,"bom_total": number | null,"category": string | null,"created_at": string,"currency": string,"current_step": number,"deleted_at": string | null,"description": string | null,"goal": string | null,"id": string,"last_activity_at": string,"location": string | null,"metadata": NonNullable<Json>,"name": string,"status": Database["public"]['Enums']["project_status"],"target_budget": number | null,"total_connections": number,"total_parts": number,"updated_at": string,"user_id": string,"workflow_steps": NonNullable<Json>
                  }
                  ComputedFields: never
                  Insert: {
                    "archived_at"?: string | null,"bom_currency"?: string | null,"bom_total"?: number | null,"category"?: string | null,"created_at"?: string,"currency"?: string,"current_step"?: number,"deleted_at"?: string | null,"description"?: string | null,"goal"?: string | null,"id"?: string,"last_activity_at"?: string,"location"?: string | null,"metadata"?: NonNullable<Json>,"name": string,"status"?: Database["public"]['Enums']["project_status"],"target_budget"?: number | null,"total_connections"?: number,"total_parts"?: number,"updated_at"?: string,"user_id"?: string,"workflow_steps"?: NonNullable<Json>
                  }
                  Update: {
                    "archived_at"?: string | null,"bom_currency"?: string | null,"bom_total"?: number | null,"category"?: string | null,"created_at"?: string,"currency"?: string,"current_step"?: number,"deleted_at"?: string | null,"description"?: string | null,"goal"?: string | null,"id"?: string,"last_activity_at"?: string,"location"?: string | null,"metadata"?: NonNullable<Json>,"name"?: string,"status"?: Database["public"]['Enums']["project_status"],"target_budget"?: number | null,"total_connections"?: number,"total_parts"?: number,"updated_at"?: string,"user_id"?: string,"workflow_steps"?: NonNullable<Json>
                  }
                  Relationships: [
                    
                  ]
                },"shared_chats": {
                  Row: {
                    "artifact_stale": NonNullable<Json>,"artifact_versions": NonNullable<Json>,"chat_id": string,"created_at": string,"expires_at": string | null,"id": string,"revoked_at": string | null,"share_token": string,"snapshot_branch": unknown,"snapshot_leaf_id": string | null,"snapshot_sequence": number,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "artifact_stale"?: NonNullable<Json>,"artifact_versions"?: NonNullable<Json>,"chat_id": string,"created_at"?: string,"expires_at"?: string | null,"id"?: string,"revoked_at"?: string | null,"share_token": string,"snapshot_branch"?: unknown,"snapshot_leaf_id"?: string | null,"snapshot_sequence": number,"user_id": string
                  }
                  Update: {
                    "artifact_stale"?: NonNullable<Json>,"artifact_versions"?: NonNullable<Json>,"chat_id"?: string,"created_at"?: string,"expires_at"?: string | null,"id"?: string,"revoked_at"?: string | null,"share_token"?: string,"snapshot_branch"?: unknown,"snapshot_leaf_id"?: string | null,"snapshot_sequence"?: number,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "shared_chats_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "shared_chats_snapshot_leaf_id_fkey"
      columns: ["snapshot_leaf_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                },"usage_daily": {
                  Row: {
                    "agent_model": string,"agent_name": string,"cache_read_tokens": number,"cache_write_tokens": number,"chat_id": string,"cost": number,"day": string,"input_uncached_tokens": number,"messages": number,"output_tokens": number,"project_id": string | null,"unpriced_messages": number,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "agent_model"?: string,"agent_name"?: string,"cache_read_tokens"?: number,"cache_write_tokens"?: number,"chat_id": string,"cost"?: number,"day": string,"input_uncached_tokens"?: number,"messages"?: number,"output_tokens"?: number,"project_id"?: string | null,"unpriced_messages"?: number,"user_id": string
                  }
                  Update: {
                    "agent_model"?: string,"agent_name"?: string,"cache_read_tokens"?: number,"cache_write_tokens"?: number,"chat_id"?: string,"cost"?: number,"day"?: string,"input_uncached_tokens"?: number,"messages"?: number,"output_tokens"?: number,"project_id"?: string | null,"unpriced_messages"?: number,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "usage_daily_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    }
                  ]
                },"usage_daily_chats": {
                  Row: {
                    "chat_id": string,"cost": number,"day": string,"input_tokens": number,"messages": number,"output_tokens": number,"unpriced_messages": number,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "chat_id": string,"cost"?: number,"day": string,"input_tokens"?: number,"messages"?: number,"output_tokens"?: number,"unpriced_messages"?: number,"user_id": string
                  }
                  Update: {
                    "chat_id"?: string,"cost"?: number,"day"?: string,"input_tokens"?: number,"messages"?: number,"output_tokens"?: number,"unpriced_messages"?: number,"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                },"usage_daily_projects": {
                  Row: {
                    "cost": number,"day": string,"input_tokens": number,"messages": number,"output_tokens": number,"project_id": string,"unpriced_messages": number,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "cost"?: number,"day": string,"input_tokens"?: number,"messages"?: number,"output_tokens"?: number,"project_id": string,"unpriced_messages"?: number,"user_id": string
                  }
                  Update: {
                    "cost"?: number,"day"?: string,"input_tokens"?: number,"messages"?: number,"output_tokens"?: number,"project_id"?: string,"unpriced_messages"?: number,"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                },"usage_daily_totals": {
                  Row: {
                    "agent_model": string,"agent_name": string,"cache_read_tokens": number,"cache_write_tokens": number,"cost": number,"day": string,"input_uncached_tokens": number,"messages": number,"output_tokens": number,"unpriced_messages": number,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "agent_model": string,"agent_name": string,"cache_read_tokens"?: number,"cache_write_tokens"?: number,"cost"?: number,"day": string,"input_uncached_tokens"?: number,"messages"?: number,"output_tokens"?: number,"unpriced_messages"?: number,"user_id": string
                  }
                  Update: {
                    "agent_model"?: string,"agent_name"?: string,"cache_read_tokens"?: number,"cache_write_tokens"?: number,"cost"?: number,"day"?: string,"input_uncached_tokens"?: number,"messages"?: number,"output_tokens"?: number,"unpriced_messages"?: number,"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                }
          }
          Views: {
            "usage_by_agent": {
                  Row: {
                    "agent_name": string | null,"avg_output_tokens": number | null,"cost": number | null,"input_tokens": number | null,"message_count": number | null,"output_tokens": number | null,"total_tokens": number | null,"unpriced_messages": number | null
                  }
                  ComputedFields: never
                  Relationships: [
                    
                  ]
                },"usage_by_chat": {
                  Row: {
                    "chat_id": string,"cost": number | null,"input_tokens": number | null,"message_count": number | null,"output_tokens": number | null,"unpriced_messages": number | null
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "messages_chat_id_fkey"
      columns: ["chat_id"]
isOneToOne: false
      referencedRelation: "chats"
      referencedColumns: ["id"]
    }
                  ]
                },"usage_by_model": {
                  Row: {
                    "agent_model": string | null,"cost": number | null,"input_tokens": number | null,"message_count": number | null,"output_tokens": number | null,"unpriced": boolean | null,"unpriced_messages": number | null
                  }
                  ComputedFields: never
                  Relationships: [
                    
                  ]
                }
          }
          Functions: {
            "add_artifact_version":
{ Args: { "p_artifact_id": string,"p_change_summary": string,"p_content": string,"p_content_json": Json,"p_expected_version": number,"p_message_id"?: string }; Returns: {
              "artifact_id": string,
"author": string,
"change_summary": string | null,
"content": string | null,
"content_json": Json | null,
"created_at": string,
"created_by_message_id": string | null,
"file_url": string | null,
"id": string,
"parent_version_id": string | null,
"user_id": string,
"version_number": number
            }
                          SetofOptions: {
        from: "*"
        to: "artifact_versions"
        isOneToOne: true
        isSetofReturn: false
      } },
"adopt_project_design":
{ Args: { "p_chat_id": string }; Returns: Json
                           },
"agent_job_read":
{ Args: { "p_job_id": string,"p_token": string }; Returns: Json
                           },
"agent_job_write":
{ Args: { "p_body": Json,"p_idempotency_key": string,"p_job_id": string,"p_op": string,"p_token": string }; Returns: Json
                           },
"append_message":
{ Args: { "p_chat_id": string,"p_content": string,"p_idempotency_key"?: string,"p_parent_id"?: string,"p_role"?: Database["public"]['Enums']["message_role"] }; Returns: {
              "agent_icon": string | null,
"agent_model": string | null,
"agent_name": string | null,
"chat_id": string,
"content": string,
"content_search": unknown,
"cost": number | null,
"counts_as_usage": boolean,
"created_artifact_ids": (string)[],
"created_at": string,
"id": string,
"idempotency_key": string | null,
"input_cache_read_tokens": number,
"input_cache_write_tokens": number,
"input_tokens": number,
"intent": Database["public"]['Enums']["message_intent"] | null,
"metadata": NonNullable<Json>,
"output_tokens": number,
"parent_id": string | null,
"role": Database["public"]['Enums']["message_role"],
"sequence_number": number,
"sibling_count": number,
"sibling_index": number,
"status": Database["public"]['Enums']["message_status"],
"updated_at": string,
"user_id": string
            }
                          SetofOptions: {
        from: "*"
        to: "messages"
        isOneToOne: true
        isSetofReturn: false
      } },
"append_message_with_attachments":
{ Args: { "p_attachments"?: Json,"p_chat_id": string,"p_content": string,"p_idempotency_key": string,"p_parent_id"?: string }; Returns: {
              "agent_icon": string | null,
"agent_model": string | null,
"agent_name": string | null,
"chat_id": string,
"content": string,
"content_search": unknown,
"cost": number | null,
"counts_as_usage": boolean,
"created_artifact_ids": (string)[],
"created_at": string,
"id": string,
"idempotency_key": string | null,
"input_cache_read_tokens": number,
"input_cache_write_tokens": number,
"input_tokens": number,
"intent": Database["public"]['Enums']["message_intent"] | null,
"metadata": NonNullable<Json>,
"output_tokens": number,
"parent_id": string | null,
"role": Database["public"]['Enums']["message_role"],
"sequence_number": number,
"sibling_count": number,
"sibling_index": number,
"status": Database["public"]['Enums']["message_status"],
"updated_at": string,
"user_id": string
            }
                          SetofOptions: {
        from: "*"
        to: "messages"
        isOneToOne: true
        isSetofReturn: false
      } },
"claim_agent_job":
{ Args: { "p_key": string }; Returns: Json
                           },
"claim_attachment_analysis":
{ Args: { "p_attachment_id": string }; Returns: boolean
                           },
"complete_agent_turn":
{ Args: { "p_chat_id": string,"p_message_id": string,"p_turn": Json }; Returns: Json
                           },
"create_agent_job":
{ Args: { "p_agent_name": string,"p_chat_id": string,"p_intent": Database["public"]['Enums']["message_intent"],"p_message_id": string,"p_service_name": string }; Returns: string
                           },
"create_artifact_with_version":
{ Args: { "p_change_summary"?: string,"p_chat_id": string,"p_content": string,"p_content_json": Json,"p_description"?: string,"p_message_id": string,"p_project_id": string,"p_title": string,"p_type": Database["public"]['Enums']["artifact_type"] }; Returns: string
                           },
"create_personal_access_token":
{ Args: { "p_expires_in_days": number,"p_name": string,"p_scope": Database["public"]['Enums']["access_token_scope"] }; Returns: {
              "expires_at": string,"id": string,"token": string,"token_prefix": string
            }[]
                           },
"create_share":
{ Args: { "p_chat_id": string,"p_expires_at"?: string }; Returns: {
              "artifact_stale": NonNullable<Json>,
"artifact_versions": NonNullable<Json>,
"chat_id": string,
"created_at": string,
"expires_at": string | null,
"id": string,
"revoked_at": string | null,
"share_token": string,
"snapshot_branch": unknown,
"snapshot_leaf_id": string | null,
"snapshot_sequence": number,
"user_id": string
            }
                          SetofOptions: {
        from: "*"
        to: "shared_chats"
        isOneToOne: true
        isSetofReturn: false
      } },
"edit_message":
{ Args: { "p_chat_id": string,"p_content": string,"p_idempotency_key"?: string,"p_message_id": string }; Returns: {
              "agent_icon": string | null,
"agent_model": string | null,
"agent_name": string | null,
"chat_id": string,
"content": string,
"content_search": unknown,
"cost": number | null,
"counts_as_usage": boolean,
"created_artifact_ids": (string)[],
"created_at": string,
"id": string,
"idempotency_key": string | null,
"input_cache_read_tokens": number,
"input_cache_write_tokens": number,
"input_tokens": number,
"intent": Database["public"]['Enums']["message_intent"] | null,
"metadata": NonNullable<Json>,
"output_tokens": number,
"parent_id": string | null,
"role": Database["public"]['Enums']["message_role"],
"sequence_number": number,
"sibling_count": number,
"sibling_index": number,
"status": Database["public"]['Enums']["message_status"],
"updated_at": string,
"user_id": string
            }
                          SetofOptions: {
        from: "*"
        to: "messages"
        isOneToOne: true
        isSetofReturn: false
      } },
"finish_attachment_analysis":
{ Args: { "p_analysis": Json,"p_artifact": Json,"p_attachment_id": string,"p_message": Json }; Returns: Json
                           },
"fork_chat":
{ Args: { "p_token": string }; Returns: string
                           },
"get_artifact_panel":
{ Args: { "p_artifact_id"?: string,"p_before"?: number,"p_chat_id": string,"p_limit"?: number,"p_version"?: number }; Returns: Json
                           },
"get_chat_page":
{ Args: { "p_before_sequence"?: number,"p_chat_id": string,"p_limit"?: number }; Returns: Database["public"]['CompositeTypes']["chat_message"][]
                          SetofOptions: {
        from: "*"
        to: "chat_message"
        isOneToOne: false
        isSetofReturn: true
      } },
"get_messages_after":
{ Args: { "p_after_sequence": number,"p_chat_id": string,"p_limit"?: number }; Returns: {
              "agent_icon": string | null,
"agent_model": string | null,
"agent_name": string | null,
"chat_id": string,
"content": string,
"content_search": unknown,
"cost": number | null,
"counts_as_usage": boolean,
"created_artifact_ids": (string)[],
"created_at": string,
"id": string,
"idempotency_key": string | null,
"input_cache_read_tokens": number,
"input_cache_write_tokens": number,
"input_tokens": number,
"intent": Database["public"]['Enums']["message_intent"] | null,
"metadata": NonNullable<Json>,
"output_tokens": number,
"parent_id": string | null,
"role": Database["public"]['Enums']["message_role"],
"sequence_number": number,
"sibling_count": number,
"sibling_index": number,
"status": Database["public"]['Enums']["message_status"],
"updated_at": string,
"user_id": string
            }[]
                          SetofOptions: {
        from: "*"
        to: "messages"
        isOneToOne: false
        isSetofReturn: true
      } },
"get_shared_artifact_panel":
{ Args: { "p_artifact_id"?: string,"p_before"?: number,"p_limit"?: number,"p_token": string,"p_version"?: number }; Returns: Json
                           },
"get_shared_attachment":
{ Args: { "p_attachment_id": string,"p_token": string }; Returns: Json
                           },
"get_shared_attachments":
{ Args: { "p_token": string }; Returns: Json
                           },
"get_shared_chat":
{ Args: { "p_before_sequence"?: number,"p_limit"?: number,"p_token": string }; Returns: Json
                           },
"insights_artifact_versions":
{ Args: { "p_agent"?: string,"p_from": string,"p_limit"?: number,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "agent_model": string,"agent_name": string,"artifact_id": string,"chat_id": string,"cost": number,"created_at": string,"input_tokens": number,"output_tokens": number,"title": string,"type": Database["public"]['Enums']["artifact_type"],"version_number": number
            }[]
                           },
"insights_breakdown":
{ Args: { "p_agent"?: string,"p_by": string,"p_from": string,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "cache_read_tokens": number,"cache_write_tokens": number,"cost": number,"input_uncached_tokens": number,"key": string,"messages": number,"output_tokens": number,"unpriced_messages": number
            }[]
                           },
"insights_daily":
{ Args: { "p_agent"?: string,"p_by": string,"p_from": string,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "cost": number,"day": string,"input_tokens": number,"key": string,"messages": number,"output_tokens": number
            }[]
                           },
"insights_rows":
{ Args: { "p_agent"?: string,"p_from": string,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "agent_model": string,"agent_name": string,"cache_read_tokens": number,"cache_write_tokens": number,"chat_id": string,"chat_title": string,"cost": number,"day": string,"input_uncached_tokens": number,"messages": number,"output_tokens": number,"project_name": string,"unpriced_messages": number
            }[]
                           },
"insights_top_chats":
{ Args: { "p_agent"?: string,"p_from": string,"p_limit"?: number,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "chat_id": string,"cost": number,"input_tokens": number,"messages": number,"output_tokens": number,"project_id": string,"title": string,"unpriced_messages": number
            }[]
                           },
"insights_top_projects":
{ Args: { "p_agent"?: string,"p_from": string,"p_limit"?: number,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "cost": number,"currency": string,"input_tokens": number,"messages": number,"name": string,"output_tokens": number,"project_id": string,"target_budget": number,"unpriced_messages": number
            }[]
                           },
"insights_totals":
{ Args: { "p_agent"?: string,"p_from": string,"p_model"?: string,"p_project"?: string,"p_to": string }; Returns: {
              "cache_read_tokens": number,"cache_write_tokens": number,"cost": number,"input_uncached_tokens": number,"messages": number,"output_tokens": number,"unpriced_messages": number
            }[]
                           },
"interrupt_stale_replies":
{ Args: { "p_chat_id": string }; Returns: {
              "agent_icon": string | null,
"agent_model": string | null,
"agent_name": string | null,
"chat_id": string,
"content": string,
"content_search": unknown,
"cost": number | null,
"counts_as_usage": boolean,
"created_artifact_ids": (string)[],
"created_at": string,
"id": string,
"idempotency_key": string | null,
"input_cache_read_tokens": number,
"input_cache_write_tokens": number,
"input_tokens": number,
"intent": Database["public"]['Enums']["message_intent"] | null,
"metadata": NonNullable<Json>,
"output_tokens": number,
"parent_id": string | null,
"role": Database["public"]['Enums']["message_role"],
"sequence_number": number,
"sibling_count": number,
"sibling_index": number,
"status": Database["public"]['Enums']["message_status"],
"updated_at": string,
"user_id": string
            }[]
                          SetofOptions: {
        from: "*"
        to: "messages"
        isOneToOne: false
        isSetofReturn: true
      } },
"is_insights_admin":
{ Args: Record<PropertyKey, never>; Returns: boolean
                           },
"list_chats":
{ Args: { "p_archived"?: boolean,"p_before_at"?: string,"p_before_id"?: string,"p_limit"?: number }; Returns: {
              "id": string,"last_message_at": string,"title": string
            }[]
                           },
"open_agent_turn":
{ Args: { "p_agent_name": string,"p_chat_id": string,"p_icon": string,"p_intent": Database["public"]['Enums']["message_intent"],"p_message_id": string,"p_model": string,"p_reply_key": string }; Returns: Json
                           },
"project_current_artifacts":
{ Args: { "p_project_id": string }; Returns: {
              "artifact_id": string,"change_summary": string,"chat_id": string,"title": string,"type": Database["public"]['Enums']["artifact_type"],"updated_at": string,"version_id": string,"version_number": number
            }[]
                           },
"register_agent_service":
{ Args: { "p_job_writes_per_minute"?: number,"p_name": string,"p_writes_per_minute"?: number }; Returns: Json
                           },
"resolve_personal_access_token":
{ Args: { "p_token": string }; Returns: {
              "email": string,"expires_at": string,"is_anonymous": boolean,"scope": Database["public"]['Enums']["access_token_scope"],"state": string,"token_id": string,"user_id": string
            }[]
                           },
"restore_archived_chat":
{ Args: { "p_chat_id": string,"p_jsonl": string }; Returns: number
                           },
"restore_artifact_version":
{ Args: { "p_artifact_id": string,"p_expected_version": number,"p_version_number": number }; Returns: {
              "artifact_id": string,
"author": string,
"change_summary": string | null,
"content": string | null,
"content_json": Json | null,
"created_at": string,
"created_by_message_id": string | null,
"file_url": string | null,
"id": string,
"parent_version_id": string | null,
"user_id": string,
"version_number": number
            }
                          SetofOptions: {
        from: "*"
        to: "artifact_versions"
        isOneToOne: true
        isSetofReturn: false
      } },
"revoke_agent_service":
{ Args: { "p_name": string }; Returns: boolean
                           },
"revoke_personal_access_token":
{ Args: { "p_token_id": string }; Returns: undefined
                           },
"revoke_share":
{ Args: { "p_share_id": string }; Returns: undefined
                           },
"save_artifact_version":
{ Args: { "p_artifact_id": string,"p_change_summary": string,"p_content": string,"p_content_json": Json,"p_expected_version": number,"p_rows"?: Json }; Returns: {
              "artifact_id": string,
"author": string,
"change_summary": string | null,
"content": string | null,
"content_json": Json | null,
"created_at": string,
"created_by_message_id": string | null,
"file_url": string | null,
"id": string,
"parent_version_id": string | null,
"user_id": string,
"version_number": number
            }
                          SetofOptions: {
        from: "*"
        to: "artifact_versions"
        isOneToOne: true
        isSetofReturn: false
      } },
"search_messages":
{ Args: { "p_agent"?: string,"p_cursor"?: string,"p_from"?: string,"p_intent"?: Database["public"]['Enums']["message_intent"],"p_limit"?: number,"p_query": string,"p_to"?: string }; Returns: Database["public"]['CompositeTypes']["search_hit"][]
                          SetofOptions: {
        from: "*"
        to: "search_hit"
        isOneToOne: false
        isSetofReturn: true
      } },
"share_expires_at":
{ Args: { "p_token": string }; Returns: string
                           },
"stop_reply":
{ Args: { "p_chat_id": string,"p_message_id": string }; Returns: {
              "agent_icon": string | null,
"agent_model": string | null,
"agent_name": string | null,
"chat_id": string,
"content": string,
"content_search": unknown,
"cost": number | null,
"counts_as_usage": boolean,
"created_artifact_ids": (string)[],
"created_at": string,
"id": string,
"idempotency_key": string | null,
"input_cache_read_tokens": number,
"input_cache_write_tokens": number,
"input_tokens": number,
"intent": Database["public"]['Enums']["message_intent"] | null,
"metadata": NonNullable<Json>,
"output_tokens": number,
"parent_id": string | null,
"role": Database["public"]['Enums']["message_role"],
"sequence_number": number,
"sibling_count": number,
"sibling_index": number,
"status": Database["public"]['Enums']["message_status"],
"updated_at": string,
"user_id": string
            }
                          SetofOptions: {
        from: "*"
        to: "messages"
        isOneToOne: true
        isSetofReturn: false
      } },
"switch_branch":
{ Args: { "p_chat_id": string,"p_message_id": string }; Returns: string
                           },
"switch_to_sibling":
{ Args: { "p_chat_id": string,"p_message_id": string,"p_step": number }; Returns: string
                           },
"take_reply_allowance":
{ Args: { "p_chat_id": string }; Returns: undefined
                           }
          }
          Enums: {
            "access_token_scope": "read"|"read_write","artifact_type": "context"|"mvp"|"prd"|"bom"|"code"|"wiring"|"circuit_diagram"|"budget"|"datasheet_analysis"|"overview","attachment_category": "circuit_image"|"datasheet"|"reference_image"|"other"|"circuit_file","chat_phase": "ideation"|"parts"|"assembly"|"code","message_intent": "CHAT"|"BOM"|"CODE"|"WIRING"|"CONTEXT"|"MVP"|"PRD"|"BUDGET"|"DATASHEET"|"CIRCUIT"|"OVERVIEW","message_role": "user"|"assistant"|"system","message_status": "complete"|"streaming"|"interrupted"|"error","processing_status": "pending"|"processing"|"done"|"failed","project_status": "draft"|"active"|"completed"
          }
          CompositeTypes: {
            "chat_message": {
                        "id": string | null,"chat_id": string | null,"parent_id": string | null,"sequence_number": number | null,"role": Database["public"]['Enums']["message_role"] | null,"content": string | null,"agent_name": string | null,"agent_model": string | null,"agent_icon": string | null,"intent": Database["public"]['Enums']["message_intent"] | null,"input_tokens": number | null,"output_tokens": number | null,"created_artifact_ids": (string)[] | null,"status": Database["public"]['Enums']["message_status"] | null,"created_at": string | null,"updated_at": string | null,"sibling_count": number | null,"sibling_index": number | null
                      },"search_hit": {
                        "message_id": string | null,"chat_id": string | null,"chat_title": string | null,"sequence_number": number | null,"role": Database["public"]['Enums']["message_role"] | null,"agent_name": string | null,"intent": Database["public"]['Enums']["message_intent"] | null,"created_at": string | null,"rank": number | null,"snippet": string | null,"cursor": string | null
                      }
          }
        }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
  ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
      Row: infer R
    }
    ? R
    : never
  : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I
    }
    ? I
    : never
  : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U
    }
    ? U
    : never
  : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
  ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
  ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never

export const Constants = {
  "public": {
          Enums: {
            "access_token_scope": ["read", "read_write"],"artifact_type": ["context", "mvp", "prd", "bom", "code", "wiring", "circuit_diagram", "budget", "datasheet_analysis", "overview"],"attachment_category": ["circuit_image", "datasheet", "reference_image", "other", "circuit_file"],"chat_phase": ["ideation", "parts", "assembly", "code"],"message_intent": ["CHAT", "BOM", "CODE", "WIRING", "CONTEXT", "MVP", "PRD", "BUDGET", "DATASHEET", "CIRCUIT", "OVERVIEW"],"message_role": ["user", "assistant", "system"],"message_status": ["complete", "streaming", "interrupted", "error"],"processing_status": ["pending", "processing", "done", "failed"],"project_status": ["draft", "active", "completed"]
          }
        }
} as const
