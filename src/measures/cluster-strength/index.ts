/** Cluster strength: U.S. Cluster Mapping strong clusters and European Cluster Observatory stars. */
export { strongClusters, type StrongClustersOptions, type StrongClustersValue, type StrongCell } from './strong-clusters.js';
export { clusterStars, type ClusterStarsOptions, type StarCell } from './cluster-stars.js';
