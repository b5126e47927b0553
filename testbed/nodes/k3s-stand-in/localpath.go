package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const (
	localPathClass       = "local-path"
	localPathProvisioner = "rancher.io/local-path"
	selectedNodeKey      = "volume.kubernetes.io/selected-node"
	provisionedByKey     = "pv.kubernetes.io/provisioned-by"
)

var storageDir = filepath.Join(dataDir, "storage")

type PVC struct {
	Metadata ObjectMeta `json:"metadata"`
	Spec     struct {
		StorageClassName *string  `json:"storageClassName"`
		VolumeName       string   `json:"volumeName"`
		AccessModes      []string `json:"accessModes"`
		Resources        struct {
			Requests map[string]string `json:"requests"`
		} `json:"resources"`
	} `json:"spec"`
	Status struct {
		Phase string `json:"phase"`
	} `json:"status"`
}

type PV struct {
	Metadata ObjectMeta `json:"metadata"`
	Spec     struct {
		Local *struct {
			Path string `json:"path"`
		} `json:"local"`
	} `json:"spec"`
	Status struct {
		Phase string `json:"phase"`
	} `json:"status"`
}

// localPathVolume is the PersistentVolume the stand-in's local-path provisioner gives a claim on the node the
// scheduler picked (WaitForFirstConsumer). It is a `local` volume, not hostPath as k3s's provisioner makes: the
// kubelet applies a pod's fsGroup to a local volume (it ignores it for hostPath), so a non-root pod such as the MEP
// (uid 10001, fsGroup 10001) can write without the directory being world-writable (k3s's is mode 0777). A local
// volume's directory must exist before the mount: the node's stand-in makes it (runLocalVolumeDirs).
func localPathVolume(pvc PVC, node string) map[string]any {
	name := "pvc-" + pvc.Metadata.UID
	capacity := pvc.Spec.Resources.Requests["storage"]
	if capacity == "" {
		capacity = "1Gi"
	}
	accessModes := pvc.Spec.AccessModes
	if len(accessModes) == 0 {
		accessModes = []string{"ReadWriteOnce"}
	}
	return map[string]any{
		"apiVersion": "v1", "kind": "PersistentVolume",
		"metadata": map[string]any{"name": name, "annotations": map[string]any{provisionedByKey: localPathProvisioner},
			"labels": map[string]any{"app.kubernetes.io/managed-by": managedBy}},
		"spec": map[string]any{
			"capacity":                      map[string]any{"storage": capacity},
			"accessModes":                   accessModes,
			"persistentVolumeReclaimPolicy": "Delete",
			"storageClassName":              localPathClass,
			"volumeMode":                    "Filesystem",
			"claimRef": map[string]any{"apiVersion": "v1", "kind": "PersistentVolumeClaim",
				"namespace": pvc.Metadata.Namespace, "name": pvc.Metadata.Name, "uid": pvc.Metadata.UID},
			"local": map[string]any{"path": filepath.Join(storageDir, pvc.Metadata.Namespace+"_"+pvc.Metadata.Name)},
			"nodeAffinity": map[string]any{"required": map[string]any{"nodeSelectorTerms": []any{map[string]any{
				"matchExpressions": []any{map[string]any{"key": "kubernetes.io/hostname", "operator": "In", "values": []string{node}}},
			}}}},
		},
	}
}

// runLocalPathProvisioner gives each pending claim of the local-path class, once the scheduler has picked its node,
// a volume there; and deletes the volumes of deleted claims (the directory stays on its node: removing it would
// need a helper pod there, as k3s's provisioner runs).
func (s *Stage) runLocalPathProvisioner(admin *Kube) {
	s.every("local-path provisioner", 2*time.Second, func() error {
		var claims struct {
			Items []PVC `json:"items"`
		}
		if err := admin.get("/api/v1/persistentvolumeclaims", &claims); err != nil {
			return err
		}
		for _, pvc := range claims.Items {
			class := pvc.Spec.StorageClassName
			node := pvc.Metadata.Annotations[selectedNodeKey]
			if class == nil || *class != localPathClass || pvc.Status.Phase != "Pending" || pvc.Spec.VolumeName != "" || node == "" {
				continue
			}
			pv := localPathVolume(pvc, node)
			err := admin.post("/api/v1/persistentvolumes", pv)
			if err != nil && !isStatus(err, 409) {
				return fmt.Errorf("volume for %s/%s: %w", pvc.Metadata.Namespace, pvc.Metadata.Name, err)
			}
			if err == nil {
				logf("local-path: volume pvc-%s for %s/%s on node %s", pvc.Metadata.UID, pvc.Metadata.Namespace, pvc.Metadata.Name, node)
			}
		}
		var volumes struct {
			Items []PV `json:"items"`
		}
		if err := admin.get("/api/v1/persistentvolumes", &volumes); err != nil {
			return err
		}
		for _, pv := range volumes.Items {
			if pv.Metadata.Annotations[provisionedByKey] == localPathProvisioner && pv.Status.Phase == "Released" {
				if err := admin.delete("/api/v1/persistentvolumes/" + pv.Metadata.Name); err != nil && !isStatus(err, 404) {
					return err
				}
				logf("local-path: volume %s released, deleted (its directory stays on the node)", pv.Metadata.Name)
			}
		}
		return nil
	})
}

// runLocalVolumeDirs makes the directories of the local-path volumes that pods on this node use. Found through the
// node's own pods, which the Node authorizer lets a node read with their claims and volumes. Mode 0700 root: the
// kubelet gives the pod's fsGroup group ownership and write access when it mounts it.
func (s *Stage) runLocalVolumeDirs() {
	s.every("local-path directories", 2*time.Second, func() error {
		k, err := kubeFromKubeconfig(kubeletConfig)
		if err != nil {
			return err
		}
		var pods struct {
			Items []struct {
				Metadata ObjectMeta `json:"metadata"`
				Spec     struct {
					Volumes []struct {
						PersistentVolumeClaim *struct {
							ClaimName string `json:"claimName"`
						} `json:"persistentVolumeClaim"`
					} `json:"volumes"`
				} `json:"spec"`
				Status struct {
					Phase string `json:"phase"`
				} `json:"status"`
			} `json:"items"`
		}
		if err := k.get("/api/v1/pods?fieldSelector="+url.QueryEscape("spec.nodeName="+s.cfg.NodeName), &pods); err != nil {
			return err
		}
		for _, pod := range pods.Items {
			if pod.Status.Phase != "Pending" {
				continue
			}
			for _, v := range pod.Spec.Volumes {
				if v.PersistentVolumeClaim == nil {
					continue
				}
				var pvc PVC
				if err := k.get("/api/v1/namespaces/"+pod.Metadata.Namespace+"/persistentvolumeclaims/"+v.PersistentVolumeClaim.ClaimName, &pvc); err != nil || pvc.Spec.VolumeName == "" {
					continue
				}
				var pv PV
				if err := k.get("/api/v1/persistentvolumes/"+pvc.Spec.VolumeName, &pv); err != nil {
					continue
				}
				if pv.Metadata.Annotations[provisionedByKey] != localPathProvisioner || pv.Spec.Local == nil ||
					!strings.HasPrefix(pv.Spec.Local.Path, storageDir+"/") {
					continue
				}
				if _, err := os.Stat(pv.Spec.Local.Path); err == nil {
					continue
				}
				if err := os.MkdirAll(pv.Spec.Local.Path, 0700); err != nil {
					return err
				}
				logf("local-path: made %s for %s/%s", pv.Spec.Local.Path, pod.Metadata.Namespace, pod.Metadata.Name)
			}
		}
		return nil
	})
}
