{{- define "osi.labels" -}}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: mecaas
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{/* An image reference: repository and tag, the tag defaulting to the chart's appVersion. */}}
{{- define "osi.image" -}}
{{ .image.repository }}:{{ .image.tag | default .root.Chart.AppVersion }}
{{- end }}

{{/* The cloud.conf Secret as a volume, and its mount: both components read /etc/config/cloud.conf. */}}
{{- define "osi.cloudConfigVolume" -}}
- name: cloud-config
  secret:
    secretName: {{ .Values.cloudConfigSecret }}
{{- end }}
{{- define "osi.cloudConfigMount" -}}
- name: cloud-config
  mountPath: /etc/config
  readOnly: true
{{- end }}

{{/* Containers that need no privilege: non-root, read-only root, no capabilities, the runtime's seccomp profile. */}}
{{- define "osi.restricted" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}
